// The one dictionary of visible strings. Chinese (zh) first, English (en) second.
// t('key', {var}) looks a key up in the chosen language, falls back to zh, then to the key itself.

const STORAGE_KEY = 'tongbei.lang';

const zh = {
  'app.name': '同备',
  'app.fullName': '同备 Tongbei',
  'app.tagline': '教育集团的集体备课、资源共享与同步课堂平台',
  'app.skip': '跳到主要内容',

  'nav.label': '主导航',
  'nav.home': '首页',
  'nav.prep': '集体备课',
  'nav.library': '资源库',
  'nav.classroom': '同步课堂',
  'nav.admin': '集团管理',
  'nav.settings': '个人设置',

  'top.logout': '退出登录',
  'top.switchLang': '切换语言：中文 / English',
  'top.loggedOut': '您已退出登录',

  'common.loading': '加载中…',
  'common.save': '保存',
  'common.saving': '保存中…',
  'common.cancel': '取消',
  'common.create': '创建',
  'common.creating': '创建中…',
  'common.add': '添加',
  'common.adding': '添加中…',
  'common.edit': '编辑',
  'common.remove': '移除',
  'common.back': '返回',
  'common.search': '搜索',
  'common.all': '全部',
  'common.none': '—',
  'common.retry': '重试',
  'common.actions': '操作',
  'common.optional': '（选填）',
  'common.required': '此项为必填',
  'common.close': '关闭',
  'common.count': '{n} 个',
  'common.people': '{n} 人',
  'common.yes': '是',
  'common.no': '否',
  'common.confirmTitle': '请确认',
  'common.confirm': '确定',
  'common.saved': '已保存',
  'common.choose': '请选择',
  'common.colon': '：',
  'common.listSep': '、',
  'common.capSuffix': '{label}（最多 {cap} 所成员校）',
  'chart.pieTooltip': '{b}：{c}（{d}%）',
  'team.pickOption': '{name}（{username}）· {school}',

  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.generic': '操作未成功（HTTP {status}），请稍后重试。',
  'error.sessionExpired': '登录已过期，请重新登录。',
  'error.forbidden': '您没有权限执行此操作。',
  'error.notFound': '没有找到该内容，或您无权查看。',
  'error.loadFailed': '加载失败',
  'error.pageNotFound': '页面不存在',
  'error.pageNotFoundText': '您访问的页面不存在，请从左侧导航重新进入。',
  'error.fixFields': '请修正标出的项目。',

  'login.title': '登录同备',
  'login.subtitle': '集团教研 · 资源共享 · 同步课堂',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '登录中…',
  'login.missing': '请输入用户名和密码。',
  'login.throttled': '尝试次数过多，请稍后再试。',
  'login.footer': '忘记密码请联系本校或集团管理员重置。',

  'mode.TIGHT': '紧密型',
  'mode.ALLIANCE': '联盟型',
  'mode.TRUSTEESHIP': '托管型',
  'modeDesc.TIGHT': '同一法人、同一领导班子，多个校区',
  'modeDesc.ALLIANCE': '成员校保留各自法人与领导班子',
  'modeDesc.TRUSTEESHIP': '龙头校受托管理成员校',
  'kind.URBAN': '城区校',
  'kind.RURAL': '农村校',
  'kind.NEW': '新建校',
  'kind.WEAK': '薄弱校',
  'stage.NOVICE': '新手教师',
  'stage.RISING': '新秀教师',
  'stage.BACKBONE': '骨干教师',
  'stage.MATURE': '成熟教师',
  'stage.SENIOR': '年长教师',
  'role.GROUP_ADMIN': '集团管理员',
  'role.SCHOOL_ADMIN': '学校管理员',
  'role.RESEARCH_LEAD': '教研组长',
  'role.TEACHER': '教师',
  'role.TERMINAL': '教室终端',
  'role.OBSERVER': '观摩员',
  'teamKind.SUBJECT': '学科教研组',
  'teamKind.PREP': '年级备课组',
  'memberRole.LEAD': '组长',
  'memberRole.MEMBER': '组员',
  'badge.lead': '龙头校',
  'badge.teamLead': '组长',
  'badge.disabled': '已停用',

  'home.hello': '您好，{name}',
  'home.intro': '这里是您所在的教育集团、学校、角色和教研组。',
  'home.noGroups': '您还没有加入任何教育集团。',
  'home.noGroupsHint': '请联系集团或学校管理员为您开通账号所属学校。',
  'home.schools': '学校',
  'home.roles': '我的角色',
  'home.teams': '我的教研组 / 备课组',
  'home.noTeams': '暂未加入教研组或备课组。',
  'home.noRoles': '暂无角色',
  'home.noSchools': '暂无学校',
  'home.manage': '进入集团管理',
  'home.profile': '我的信息',
  'home.subjects': '任教学科',
  'home.stage': '发展阶段',

  'soon.badge': '即将上线',
  'soon.title': '{feature} · 即将上线',
  'soon.back': '返回首页',
  'soon.prep': '集体备课把集团各校同学科、同年级的教师组织在一起：教研组长定期安排备课活动（如每周一、周三），确定主题和内容，指定主备人撰写初稿；大家在线研讨修改形成共案，每位教师再结合本班学情进行二次备课形成个案，授课后记录教学反思。教案按教学目标、重难点、教学准备、教学过程、板书设计、作业和反思分栏编写。',
  'soon.library': '资源库由龙头校牵头建设、全集团共享：课件、教案、学案、试题、微课、素材和单元设计都可以上传和检索。资源按学段、年级、学科、教材版本（人教版、北师大版、部编版等）、册、章节和知识点归类，可以沿教材目录浏览，也可以按关键词搜索。',
  'soon.classroom': '同步课堂让一位主讲教师的课实时连到多个远端教室：农村校、薄弱校的学生在本地教室终端上同步听课，由辅导教师组织课堂（“1+1”模式）；上课的同时，双方教师共同教研，课件资源同步共享，即使网络较弱也尽量保持流畅。',

  'settings.title': '个人设置',
  'settings.profile': '个人资料',
  'settings.username': '用户名',
  'settings.displayName': '姓名',
  'settings.stage': '发展阶段',
  'settings.subjects': '任教学科',
  'settings.roles': '角色',
  'settings.password': '修改密码',
  'settings.passwordIntro': '修改后，您在所有设备上的登录都会失效，需要用新密码重新登录。',
  'settings.currentPassword': '当前密码',
  'settings.newPassword': '新密码',
  'settings.confirmPassword': '确认新密码',
  'settings.passwordHint': '至少 8 个字符，建议混合字母、数字和符号。',
  'settings.tooShort': '新密码至少需要 8 个字符。',
  'settings.mismatch': '两次输入的新密码不一致。',
  'settings.submit': '修改密码',
  'settings.changed': '密码已修改，请使用新密码重新登录。',

  'admin.title': '集团管理',
  'admin.intro': '管理您所在的教育集团：成员校、人员、学科教研组和年级备课组。',
  'admin.groups': '我的集团',
  'admin.noGroups': '您还不属于任何教育集团。',
  'admin.noGroupsAdmin': '在右侧创建第一个教育集团，您将成为它的集团管理员。',
  'admin.open': '进入管理',
  'admin.members': '成员校 {n} / {cap}',
  'admin.createGroup': '创建教育集团',
  'admin.createGroupIntro': '每个集团有一所龙头校；创建后可继续添加成员校。',
  'admin.groupName': '集团名称',
  'admin.groupMode': '办学模式',
  'admin.leadSchoolName': '龙头校名称',
  'admin.leadSchoolKind': '龙头校类型',
  'admin.leadSchoolAddress': '龙头校地址',
  'admin.groupCreated': '已创建集团“{name}”',
  'admin.capHint': '{mode}集团最多 {cap} 所成员校',
  'admin.backToGroups': '全部集团',
  'admin.readOnly': '您可以查看本集团信息；如需修改，请联系集团管理员。',

  'tab.label': '集团管理分区',
  'tab.overview': '概览',
  'tab.schools': '学校',
  'tab.users': '人员',
  'tab.teams': '教研组',

  'overview.memberSchools': '成员校',
  'overview.schools': '学校总数',
  'overview.users': '人员',
  'overview.teams': '教研组 / 备课组',
  'overview.leadSchool': '龙头校',
  'overview.createdAt': '创建时间',
  'overview.description': '集团简介',
  'overview.noDescription': '暂无简介',
  'overview.teachersChart': '各校教师人数',
  'overview.kindsChart': '学校类型分布',
  'overview.teachers': '教师',
  'overview.chartEmpty': '暂无数据',
  'overview.chartFailed': '图表组件加载失败，以下为数据列表：',
  'overview.edit': '编辑集团信息',
  'overview.editIntro': '修改模式时，成员校数量不能超过新模式的上限。',

  'schools.title': '集团学校',
  'schools.capProgress': '成员校 {n} / {cap}',
  'schools.capFull': '已达到{mode}集团的成员校上限。',
  'schools.name': '学校名称',
  'schools.kind': '类型',
  'schools.address': '地址',
  'schools.users': '人数',
  'schools.add': '添加成员校',
  'schools.added': '已添加成员校“{name}”',
  'schools.empty': '集团里还没有学校。',
  'schools.editTitle': '编辑学校',
  'schools.updated': '学校信息已更新',

  'users.title': '集团人员',
  'users.filterSchool': '学校',
  'users.filterRole': '角色',
  'users.searchPlaceholder': '按姓名或用户名搜索',
  'users.username': '用户名',
  'users.displayName': '姓名',
  'users.school': '学校',
  'users.roles': '角色',
  'users.stage': '发展阶段',
  'users.subjects': '学科',
  'users.status': '状态',
  'users.active': '正常',
  'users.initialPassword': '初始密码',
  'users.passwordHint': '至少 8 个字符，首次登录后请本人修改。',
  'users.role': '角色',
  'users.noSchool': '（集团层面，不属于某所学校）',
  'users.add': '添加人员',
  'users.added': '已添加“{name}”',
  'users.empty': '没有符合条件的人员。',
  'users.emptyHint': '可以调整筛选条件，或用右侧表单添加人员。',
  'users.total': '共 {n} 人',
  'users.editTitle': '编辑人员',
  'users.disabled': '停用此账号',
  'users.updated': '人员信息已更新',
  'users.schoolAdminScope': '学校管理员只能为本校添加人员。',

  'teams.title': '教研组与备课组',
  'teams.intro': '学科教研组和年级备课组可以跨校组建，成员来自集团内任何学校。',
  'teams.filterAll': '全部',
  'teams.name': '名称',
  'teams.kind': '类型',
  'teams.subject': '学科',
  'teams.grade': '年级',
  'teams.leads': '组长',
  'teams.members': '成员',
  'teams.schools': '跨校',
  'teams.schoolsCount': '{n} 所学校',
  'teams.description': '简介',
  'teams.create': '新建教研组 / 备课组',
  'teams.created': '已创建“{name}”',
  'teams.empty': '还没有教研组或备课组。',
  'teams.emptyHint': '集团管理员可以用右侧表单新建。',
  'teams.open': '查看',
  'teams.gradeRequired': '年级备课组需要选择年级',
  'teams.noLead': '未设组长',

  'team.back': '返回教研组列表',
  'team.members': '成员',
  'team.noMembers': '这个组还没有成员。',
  'team.noMembersHint': '用下方“添加成员”从集团任一学校选择教师。',
  'team.addMember': '添加成员',
  'team.pickUser': '选择人员',
  'team.pickPlaceholder': '输入姓名、用户名或学校筛选',
  'team.pickNone': '没有可添加的人员',
  'team.asLead': '设为组长',
  'team.added': '已添加“{name}”',
  'team.appoint': '设为组长',
  'team.unappoint': '取消组长',
  'team.appointed': '已将“{name}”设为组长',
  'team.unappointed': '已取消“{name}”的组长',
  'team.removeConfirm': '确定将“{name}”移出本组吗？',
  'team.removed': '已将“{name}”移出本组',
  'team.memberName': '姓名',
  'team.memberSchool': '学校',
  'team.memberRole': '组内角色',
  'team.summary': '{kind} · {subject}',
};

const en = {
  'app.name': 'Tongbei',
  'app.fullName': '同备 Tongbei',
  'app.tagline': 'Joint lesson preparation, shared resources and synchronized classrooms for school groups',
  'app.skip': 'Skip to main content',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.prep': 'Joint preparation',
  'nav.library': 'Library',
  'nav.classroom': 'Synchronized classroom',
  'nav.admin': 'Group admin',
  'nav.settings': 'Settings',

  'top.logout': 'Log out',
  'top.switchLang': 'Switch language: 中文 / English',
  'top.loggedOut': 'You have logged out',

  'common.loading': 'Loading…',
  'common.save': 'Save',
  'common.saving': 'Saving…',
  'common.cancel': 'Cancel',
  'common.create': 'Create',
  'common.creating': 'Creating…',
  'common.add': 'Add',
  'common.adding': 'Adding…',
  'common.edit': 'Edit',
  'common.remove': 'Remove',
  'common.back': 'Back',
  'common.search': 'Search',
  'common.all': 'All',
  'common.none': '—',
  'common.retry': 'Retry',
  'common.actions': 'Actions',
  'common.optional': '(optional)',
  'common.required': 'This field is required',
  'common.close': 'Close',
  'common.count': '{n}',
  'common.people': '{n} people',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.confirmTitle': 'Please confirm',
  'common.confirm': 'OK',
  'common.saved': 'Saved',
  'common.choose': 'Choose…',
  'common.colon': ': ',
  'common.listSep': ', ',
  'common.capSuffix': '{label} (at most {cap} member schools)',
  'chart.pieTooltip': '{b}: {c} ({d}%)',
  'team.pickOption': '{name} ({username}) · {school}',

  'error.network': 'Cannot reach the server. Check the network and try again.',
  'error.generic': 'The request did not succeed (HTTP {status}). Please try again later.',
  'error.sessionExpired': 'Your session has expired. Please log in again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.notFound': 'Not found, or you may not see it.',
  'error.loadFailed': 'Could not load',
  'error.pageNotFound': 'Page not found',
  'error.pageNotFoundText': 'This page does not exist. Please use the navigation.',
  'error.fixFields': 'Please correct the marked fields.',

  'login.title': 'Log in to Tongbei',
  'login.subtitle': 'Group research · Shared resources · Synchronized classrooms',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.missing': 'Please enter your username and password.',
  'login.throttled': 'Too many attempts. Please try again later.',
  'login.footer': 'Forgot your password? Ask your school or group administrator to reset it.',

  'mode.TIGHT': 'Tight',
  'mode.ALLIANCE': 'Alliance',
  'mode.TRUSTEESHIP': 'Trusteeship',
  'modeDesc.TIGHT': 'One legal person, one leadership, several campuses',
  'modeDesc.ALLIANCE': 'Members keep their own legal person and leadership',
  'modeDesc.TRUSTEESHIP': 'The lead school manages members on commission',
  'kind.URBAN': 'Urban',
  'kind.RURAL': 'Rural',
  'kind.NEW': 'New',
  'kind.WEAK': 'Weak',
  'stage.NOVICE': 'Novice',
  'stage.RISING': 'Rising',
  'stage.BACKBONE': 'Backbone',
  'stage.MATURE': 'Mature',
  'stage.SENIOR': 'Senior',
  'role.GROUP_ADMIN': 'Group admin',
  'role.SCHOOL_ADMIN': 'School admin',
  'role.RESEARCH_LEAD': 'Research lead',
  'role.TEACHER': 'Teacher',
  'role.TERMINAL': 'Classroom terminal',
  'role.OBSERVER': 'Observer',
  'teamKind.SUBJECT': 'Subject group',
  'teamKind.PREP': 'Grade prep group',
  'memberRole.LEAD': 'Lead',
  'memberRole.MEMBER': 'Member',
  'badge.lead': 'Lead school',
  'badge.teamLead': 'Lead',
  'badge.disabled': 'Disabled',

  'home.hello': 'Hello, {name}',
  'home.intro': 'Your school groups, schools, roles and teams.',
  'home.noGroups': 'You are not in any school group yet.',
  'home.noGroupsHint': 'Ask your group or school administrator to assign you to a school.',
  'home.schools': 'Schools',
  'home.roles': 'My roles',
  'home.teams': 'My subject and prep groups',
  'home.noTeams': 'Not in any subject or prep group yet.',
  'home.noRoles': 'No roles',
  'home.noSchools': 'No schools',
  'home.manage': 'Open group admin',
  'home.profile': 'About me',
  'home.subjects': 'Subjects',
  'home.stage': 'Stage',

  'soon.badge': 'Coming soon',
  'soon.title': '{feature} · coming soon',
  'soon.back': 'Back to home',
  'soon.prep': 'Joint preparation brings together teachers of the same subject and grade across the group\'s schools. Group leads schedule recurring sessions (for example every Monday and Wednesday), set the topic and content, and name a lead preparer who writes the first draft. Teachers discuss it online into a common plan, adapt it into a personal plan for their own class, teach it and record a reflection. Plans are written in sections: goals, key and difficult points, preparation, process, board plan, homework and reflection.',
  'soon.library': 'The library is built by the lead school and shared group-wide: courseware, lesson plans, study guides, exercises, micro-lectures, materials and unit designs. Resources are filed by stage, grade, subject, textbook edition (PEP, BNU, unified edition …), volume, chapter and knowledge point, so teachers can browse the textbook catalogue or search by keyword.',
  'soon.classroom': 'Synchronized classrooms connect one master teacher live with several remote classrooms: pupils at rural and weaker schools follow the lesson on their classroom terminal while an assistant teacher runs the room (the "1+1" model). Teachers research together and share resources at the same time, and the session is designed to stay usable on weak networks.',

  'settings.title': 'Settings',
  'settings.profile': 'Profile',
  'settings.username': 'Username',
  'settings.displayName': 'Name',
  'settings.stage': 'Stage',
  'settings.subjects': 'Subjects',
  'settings.roles': 'Roles',
  'settings.password': 'Change password',
  'settings.passwordIntro': 'After the change you are logged out on every device and log in again with the new password.',
  'settings.currentPassword': 'Current password',
  'settings.newPassword': 'New password',
  'settings.confirmPassword': 'Confirm new password',
  'settings.passwordHint': 'At least 8 characters; mix letters, digits and symbols.',
  'settings.tooShort': 'The new password needs at least 8 characters.',
  'settings.mismatch': 'The two new passwords do not match.',
  'settings.submit': 'Change password',
  'settings.changed': 'Password changed. Please log in again with the new password.',

  'admin.title': 'Group admin',
  'admin.intro': 'Manage your school groups: member schools, people, subject groups and grade prep groups.',
  'admin.groups': 'My groups',
  'admin.noGroups': 'You are not in any school group yet.',
  'admin.noGroupsAdmin': 'Create the first group with the form; you will be its group admin.',
  'admin.open': 'Manage',
  'admin.members': 'Member schools {n} / {cap}',
  'admin.createGroup': 'Create a school group',
  'admin.createGroupIntro': 'Every group has one lead school; add member schools afterwards.',
  'admin.groupName': 'Group name',
  'admin.groupMode': 'Mode',
  'admin.leadSchoolName': 'Lead school name',
  'admin.leadSchoolKind': 'Lead school kind',
  'admin.leadSchoolAddress': 'Lead school address',
  'admin.groupCreated': 'Group "{name}" created',
  'admin.capHint': '{mode} groups have at most {cap} member schools',
  'admin.backToGroups': 'All groups',
  'admin.readOnly': 'You can view this group. Ask a group admin to make changes.',

  'tab.label': 'Group admin sections',
  'tab.overview': 'Overview',
  'tab.schools': 'Schools',
  'tab.users': 'People',
  'tab.teams': 'Teams',

  'overview.memberSchools': 'Member schools',
  'overview.schools': 'Schools',
  'overview.users': 'People',
  'overview.teams': 'Subject / prep groups',
  'overview.leadSchool': 'Lead school',
  'overview.createdAt': 'Created',
  'overview.description': 'About the group',
  'overview.noDescription': 'No description yet',
  'overview.teachersChart': 'Teachers per school',
  'overview.kindsChart': 'Schools by kind',
  'overview.teachers': 'Teachers',
  'overview.chartEmpty': 'No data yet',
  'overview.chartFailed': 'The chart component failed to load. The data:',
  'overview.edit': 'Edit group',
  'overview.editIntro': 'When changing the mode, the member schools must fit within the new cap.',

  'schools.title': 'Schools of the group',
  'schools.capProgress': 'Member schools {n} / {cap}',
  'schools.capFull': 'The member-school cap for {mode} groups is reached.',
  'schools.name': 'School name',
  'schools.kind': 'Kind',
  'schools.address': 'Address',
  'schools.users': 'People',
  'schools.add': 'Add a member school',
  'schools.added': 'Member school "{name}" added',
  'schools.empty': 'No schools in this group yet.',
  'schools.editTitle': 'Edit school',
  'schools.updated': 'School updated',

  'users.title': 'People of the group',
  'users.filterSchool': 'School',
  'users.filterRole': 'Role',
  'users.searchPlaceholder': 'Search by name or username',
  'users.username': 'Username',
  'users.displayName': 'Name',
  'users.school': 'School',
  'users.roles': 'Roles',
  'users.stage': 'Stage',
  'users.subjects': 'Subjects',
  'users.status': 'Status',
  'users.active': 'Active',
  'users.initialPassword': 'Initial password',
  'users.passwordHint': 'At least 8 characters; the person should change it after the first login.',
  'users.role': 'Role',
  'users.noSchool': '(group level, no school)',
  'users.add': 'Add a person',
  'users.added': '"{name}" added',
  'users.empty': 'Nobody matches these filters.',
  'users.emptyHint': 'Change the filters, or add people with the form.',
  'users.total': '{n} people',
  'users.editTitle': 'Edit person',
  'users.disabled': 'Disable this account',
  'users.updated': 'Person updated',
  'users.schoolAdminScope': 'School admins add people to their own school only.',

  'teams.title': 'Subject groups and prep groups',
  'teams.intro': 'Subject groups and grade prep groups span schools: members come from any school of the group.',
  'teams.filterAll': 'All',
  'teams.name': 'Name',
  'teams.kind': 'Kind',
  'teams.subject': 'Subject',
  'teams.grade': 'Grade',
  'teams.leads': 'Leads',
  'teams.members': 'Members',
  'teams.schools': 'Schools',
  'teams.schoolsCount': '{n} schools',
  'teams.description': 'Description',
  'teams.create': 'New subject / prep group',
  'teams.created': '"{name}" created',
  'teams.empty': 'No subject or prep groups yet.',
  'teams.emptyHint': 'Group admins can create one with the form.',
  'teams.open': 'Open',
  'teams.gradeRequired': 'A grade prep group needs a grade',
  'teams.noLead': 'No lead yet',

  'team.back': 'Back to teams',
  'team.members': 'Members',
  'team.noMembers': 'This group has no members yet.',
  'team.noMembersHint': 'Use "Add member" below to pick teachers from any school of the group.',
  'team.addMember': 'Add member',
  'team.pickUser': 'Person',
  'team.pickPlaceholder': 'Filter by name, username or school',
  'team.pickNone': 'Nobody left to add',
  'team.asLead': 'Make lead',
  'team.added': '"{name}" added',
  'team.appoint': 'Make lead',
  'team.unappoint': 'Remove as lead',
  'team.appointed': '"{name}" is now a lead',
  'team.unappointed': '"{name}" is no longer a lead',
  'team.removeConfirm': 'Remove "{name}" from this group?',
  'team.removed': '"{name}" removed from the group',
  'team.memberName': 'Name',
  'team.memberSchool': 'School',
  'team.memberRole': 'Role in group',
  'team.summary': '{kind} · {subject}',
};

const dictionaries = { zh, en };
const listeners = new Set();

function initialLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    /* storage unavailable: fall through to Chinese */
  }
  return 'zh';
}

let lang = initialLang();

/** The chosen language: 'zh' or 'en'. */
export function getLang() {
  return lang;
}

/** The value for the Accept-Language header and the html lang attribute. */
export function langTag() {
  return lang === 'en' ? 'en' : 'zh-CN';
}

export function setLang(next) {
  if (next !== 'zh' && next !== 'en') return;
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* the choice then lasts for this page only */
  }
  document.documentElement.lang = langTag();
  listeners.forEach((fn) => fn(next));
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Translate a key, replacing {name} placeholders with vars. */
export function t(key, vars) {
  let text = dictionaries[lang][key] ?? zh[key] ?? key;
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }
  return text;
}

/** Add a feature's own strings (kept in its own module, so features do not edit this file). */
export function extend(moreZh, moreEn) {
  Object.assign(zh, moreZh);
  Object.assign(dictionaries.en, moreEn);
}

/** True when the dictionary knows the key (used for optional enum labels). */
export function has(key) {
  return key in dictionaries[lang] || key in zh;
}

/** Label of an enum value, e.g. label('mode', 'TIGHT') → 紧密型; unknown values are shown as they are. */
export function label(prefix, value) {
  if (value == null || value === '') return t('common.none');
  const key = `${prefix}.${value}`;
  return has(key) ? t(key) : String(value);
}

/** Format an ISO timestamp as a local date. */
export function formatDate(iso) {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleDateString(langTag(), { year: 'numeric', month: 'long', day: 'numeric' });
}

document.documentElement.lang = langTag();
