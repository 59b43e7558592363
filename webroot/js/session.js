// The signed-in user (GET /me), the public metadata (GET /meta) and what the user's roles allow.
// The server enforces every rule; these checks only decide which actions the UI offers.

import { api } from './api.js';

let me = null;
let meta = null;

export function currentUser() {
  return me;
}

export async function loadMe() {
  me = await api('/me');
  return me;
}

export function forgetMe() {
  me = null;
}

export function setMe(value) {
  me = value;
}

const FALLBACK_META = {
  memberCaps: { TIGHT: 3, ALLIANCE: 5, TRUSTEESHIP: 5 },
  modes: ['TIGHT', 'ALLIANCE', 'TRUSTEESHIP'],
  schoolKinds: ['URBAN', 'RURAL', 'NEW', 'WEAK'],
  stages: ['NOVICE', 'RISING', 'BACKBONE', 'MATURE', 'SENIOR'],
  roles: ['GROUP_ADMIN', 'SCHOOL_ADMIN', 'RESEARCH_LEAD', 'TEACHER', 'TERMINAL', 'OBSERVER'],
  subjects: ['语文', '数学', '英语'],
  grades: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级'],
};

// Enum lists may come as plain codes or as objects ({code, …}); keep the codes.
function codes(list, fallback) {
  if (!Array.isArray(list) || list.length === 0) return fallback;
  return list.map((v) => (v && typeof v === 'object' ? v.code ?? v.value ?? v.id ?? v.name : v)).filter(Boolean);
}

/** GET /meta once per page load; concurrent callers share the request. */
export function loadMeta() {
  if (!meta) {
    meta = api('/meta', { auth: false })
      .then((raw) => ({
        ...raw,
        memberCaps: raw.memberCaps || FALLBACK_META.memberCaps,
        modes: codes(raw.modes, FALLBACK_META.modes),
        schoolKinds: codes(raw.schoolKinds, FALLBACK_META.schoolKinds),
        stages: codes(raw.stages, FALLBACK_META.stages),
        roles: codes(raw.roles, FALLBACK_META.roles),
        subjects: codes(raw.subjects, FALLBACK_META.subjects),
        grades: codes(raw.grades, FALLBACK_META.grades),
      }))
      .catch((error) => {
        meta = null;
        throw error;
      });
  }
  return meta;
}

// ---- permissions (mirrors docs/api.md "Who may do what") ----

function roles() {
  return (me && me.roles) || [];
}

function groupOfRole(r) {
  if (r.groupId != null) return r.groupId;
  const school = (me.schools || []).find((s) => s.id === r.schoolId);
  return school ? school.groupId : null;
}

function hasRole(role, groupId) {
  return roles().some((r) => r.role === role && (groupId == null || groupOfRole(r) === groupId));
}

export function isGroupAdmin(groupId) {
  return hasRole('GROUP_ADMIN', groupId);
}

/** Creating a group needs group-admin rights somewhere. */
export function canCreateGroup() {
  return hasRole('GROUP_ADMIN');
}

/** Ids of the schools of this group the user administers. */
export function adminSchoolIds(groupId) {
  return roles()
    .filter((r) => r.role === 'SCHOOL_ADMIN' && r.schoolId != null && groupOfRole(r) === groupId)
    .map((r) => r.schoolId);
}

export function canEditGroup(groupId) {
  return isGroupAdmin(groupId);
}

export function canAddSchool(groupId) {
  return isGroupAdmin(groupId);
}

export function canEditSchool(groupId, schoolId) {
  return isGroupAdmin(groupId) || adminSchoolIds(groupId).includes(schoolId);
}

export function canAddUsers(groupId) {
  return isGroupAdmin(groupId) || adminSchoolIds(groupId).length > 0;
}

export function canEditUser(groupId, user) {
  return isGroupAdmin(groupId) || (user.schoolId != null && adminSchoolIds(groupId).includes(user.schoolId));
}

/** Roles a school admin may hand out; group admins may hand out any role. */
export const SCHOOL_ADMIN_ROLES = ['TEACHER', 'TERMINAL', 'OBSERVER', 'SCHOOL_ADMIN'];

export function assignableRoles(groupId, allRoles) {
  // RESEARCH_LEAD follows from leading a team, so it is not handed out directly.
  const list = allRoles.filter((r) => r !== 'RESEARCH_LEAD');
  return isGroupAdmin(groupId) ? list : list.filter((r) => SCHOOL_ADMIN_ROLES.includes(r));
}

export function canCreateTeam(groupId) {
  return isGroupAdmin(groupId);
}

export function leadsTeam(teamId) {
  return ((me && me.teams) || []).some((tm) => tm.id === teamId && tm.memberRole === 'LEAD');
}

/** Add or remove members: group admins, and leads of that team. */
export function canManageMembers(groupId, teamId) {
  return isGroupAdmin(groupId) || leadsTeam(teamId);
}

/** Appointing or removing a lead is left to group admins. */
export function canAppointLead(groupId) {
  return isGroupAdmin(groupId);
}

// ---- a one-line notice carried to the login page (session expired, password changed) ----

const NOTICE_KEY = 'tongbei.notice';

export function setLoginNotice(message) {
  try {
    sessionStorage.setItem(NOTICE_KEY, message);
  } catch {
    /* without storage the notice is simply not shown */
  }
}

export function takeLoginNotice() {
  try {
    const message = sessionStorage.getItem(NOTICE_KEY);
    sessionStorage.removeItem(NOTICE_KEY);
    return message;
  } catch {
    return null;
  }
}
