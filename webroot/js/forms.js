// A small form builder: labelled inputs, client-side required/min-length checks, busy state, and
// the API's validation errors (error.fields) shown under the matching inputs.

import { h, options } from './dom.js';
import { t } from './i18n.js';
import { ApiError } from './api.js';

let uid = 0;

// Refusals that are about one input although the server sends them without `fields`.
const CODE_FIELDS = {
  username_taken: 'username',
  team_name_taken: 'name',
  school_name_taken: 'name',
  school_required: 'schoolId',
  school_not_in_group: 'schoolId',
  grade_required: 'grade',
  role_not_allowed: 'role',
  wrong_password: 'currentPassword',
  same_password: 'newPassword',
};

/**
 * Field spec: { name, label, type: 'text'|'password'|'select'|'checks'|'textarea'|'checkbox',
 *   options: [{value,label}], blank, required, minLength, minMessage, hint, testid, id, aliases,
 *   autocomplete, placeholder, value, hidden, disabled }.
 * onSubmit(values, form) may throw; ApiError fields are mapped to inputs by name or alias.
 */
export function buildForm({ fields, submitLabel, busyLabel, submitTestid, submitId, onSubmit, validate, extraActions, className, testid }) {
  const parts = new Map();
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h('form', { class: `form ${className || ''}`.trim(), novalidate: true, dataset: { testid } });

  for (const spec of fields) {
    const part = buildField(spec);
    parts.set(spec.name, part);
    form.append(part.wrap);
  }

  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', id: submitId, dataset: { testid: submitTestid } },
    submitLabel,
  );
  form.append(formError, h('div', { class: 'form-actions' }, submit, extraActions || null));

  const api = {
    el: form,
    submit,
    input: (name) => parts.get(name)?.input,
    setVisible(name, visible) {
      const part = parts.get(name);
      if (part) part.wrap.hidden = !visible;
    },
    setOptions(name, list, blank) {
      const part = parts.get(name);
      if (!part || part.spec.type !== 'select') return;
      const keep = part.input.value;
      part.input.replaceChildren(...options(list, blank));
      if (list.some((o) => String(o.value) === keep)) part.input.value = keep;
    },
    values() {
      const out = {};
      for (const [name, part] of parts) {
        if (part.wrap.hidden) continue;
        out[name] = part.read();
      }
      return out;
    },
    reset() {
      form.reset();
      clearErrors();
      for (const part of parts.values()) part.restore();
    },
    setError(message) {
      formError.textContent = message || '';
      formError.hidden = !message;
    },
    showError(error) {
      clearErrors();
      const fieldName = error instanceof ApiError && !error.fields ? CODE_FIELDS[error.code] : null;
      const fields = error?.fields || (fieldName && parts.has(fieldName) ? { [fieldName]: error.message } : null);
      if (error instanceof ApiError && fields) {
        const unmatched = showFieldErrors(fields);
        const extra = unmatched.length ? ` ${unmatched.join(' ')}` : '';
        api.setError((error.message || t('error.fixFields')) + extra);
      } else {
        api.setError(error?.message || String(error));
      }
    },
  };

  function clearErrors() {
    api.setError('');
    for (const part of parts.values()) part.setError('');
  }

  /** Put messages under inputs; return those that matched no visible input. */
  function showFieldErrors(fieldMessages) {
    const unmatched = [];
    let first = null;
    for (const [key, message] of Object.entries(fieldMessages)) {
      const part = [...parts.values()].find((p) => !p.wrap.hidden && (p.spec.name === key || (p.spec.aliases || []).includes(key)));
      if (part) {
        part.setError(message);
        first = first || part;
      } else {
        unmatched.push(message);
      }
    }
    if (first) first.focus();
    return unmatched;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    clearErrors();
    const values = api.values();
    const problems = { ...clientProblems(parts, values), ...(validate ? validate(values) || {} : {}) };
    if (Object.keys(problems).length) {
      showFieldErrors(problems);
      api.setError(t('error.fixFields'));
      return;
    }
    const label = submit.textContent;
    submit.disabled = true;
    submit.classList.add('busy');
    if (busyLabel) submit.textContent = busyLabel;
    try {
      await onSubmit(values, api);
    } catch (error) {
      api.showError(error);
    } finally {
      submit.disabled = false;
      submit.classList.remove('busy');
      submit.textContent = label;
    }
  });

  return api;
}

function clientProblems(parts, values) {
  const problems = {};
  for (const [name, part] of parts) {
    if (part.wrap.hidden) continue;
    const { spec } = part;
    const v = values[name];
    const isEmpty = v == null || v === '' || (Array.isArray(v) && v.length === 0);
    if (spec.required && isEmpty) problems[name] = t('common.required');
    else if (spec.minLength && typeof v === 'string' && v.length > 0 && v.length < spec.minLength) {
      problems[name] = spec.minMessage || t('common.required');
    }
  }
  return problems;
}

function buildField(spec) {
  const id = spec.id || `f${++uid}`;
  const errId = `${id}-err`;
  const hintId = spec.hint ? `${id}-hint` : null;
  const error = h('p', { class: 'field-error', id: errId, dataset: { errorFor: spec.name }, hidden: true });
  const hint = spec.hint ? h('p', { class: 'field-hint', id: hintId }, spec.hint) : null;
  const describedBy = [hintId, errId].filter(Boolean).join(' ');
  const labelText = [spec.label, spec.required || spec.type === 'checkbox' || spec.type === 'checks' ? null : t('common.optional')];
  let input;
  let wrap;
  let read;
  let restore = () => {};

  if (spec.type === 'checks') {
    const boxes = (spec.options || []).map((o) =>
      h('label', { class: 'chip-check' }, h('input', { type: 'checkbox', value: o.value, checked: (spec.value || []).includes(o.value) }), h('span', null, o.label)),
    );
    input = h('div', { class: 'chips', id, role: 'group', 'aria-describedby': describedBy, dataset: { testid: spec.testid } }, boxes);
    wrap = h('fieldset', { class: 'field field-checks' }, h('legend', { class: 'field-label' }, spec.label), input, hint, error);
    read = () => [...input.querySelectorAll('input:checked')].map((b) => b.value);
    restore = () => input.querySelectorAll('input').forEach((b) => (b.checked = (spec.value || []).includes(b.value)));
  } else if (spec.type === 'checkbox') {
    input = h('input', { type: 'checkbox', id, checked: !!spec.value, 'aria-describedby': describedBy, dataset: { testid: spec.testid } });
    wrap = h('div', { class: 'field field-checkbox' }, h('label', { for: id }, input, h('span', null, spec.label)), hint, error);
    read = () => input.checked;
    restore = () => (input.checked = !!spec.value);
  } else {
    const common = {
      id,
      name: spec.name,
      'aria-describedby': describedBy,
      dataset: { testid: spec.testid },
      disabled: spec.disabled,
      required: spec.required,
    };
    if (spec.type === 'select') {
      input = h('select', { ...common, value: spec.value ?? '' }, options(spec.options || [], spec.blank));
    } else if (spec.type === 'textarea') {
      input = h('textarea', { ...common, rows: 3, placeholder: spec.placeholder, value: spec.value ?? '' });
    } else {
      input = h('input', {
        ...common,
        type: spec.type || 'text',
        autocomplete: spec.autocomplete || (spec.type === 'password' ? 'new-password' : 'off'),
        placeholder: spec.placeholder,
        minlength: spec.minLength,
        value: spec.value ?? '',
      });
    }
    wrap = h('div', { class: 'field' }, h('label', { class: 'field-label', for: id }, labelText[0], labelText[1] ? h('span', { class: 'muted' }, labelText[1]) : null), input, hint, error);
    read = () => (spec.type === 'password' ? input.value : input.value.trim());
    restore = () => (input.value = spec.value ?? (spec.type === 'select' && !spec.blank && spec.options?.length ? spec.options[0].value : ''));
  }
  if (spec.hidden) wrap.hidden = true;

  return {
    spec,
    wrap,
    input,
    read,
    restore,
    focus: () => (input.focus ? input.focus() : null),
    setError(message) {
      error.textContent = message || '';
      error.hidden = !message;
      wrap.classList.toggle('has-error', !!message);
      if (input.setAttribute) input.setAttribute('aria-invalid', message ? 'true' : 'false');
    },
  };
}

/** Values of a form without the empty optional strings. */
export function compact(values) {
  const out = {};
  Object.entries(values).forEach(([k, v]) => {
    if (v !== '' && v != null) out[k] = v;
  });
  return out;
}
