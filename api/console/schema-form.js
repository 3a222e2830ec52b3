// A form generated from a procedure's JSON Schema (draft-07): objects become
// fieldsets, and string, enum, boolean, integer, number and date properties
// become inputs. Anything else (arrays, oneOf, …) falls back to a JSON text
// area, so an unusual schema still yields a usable form rather than none.
//
// Each field is addressed by its JSON pointer (/child/birthDate), the same
// `path` the API uses in its errors, so server verdicts land next to fields.
// The console checks only that required fields are filled; patterns, formats
// and ranges are the server's to judge, so the two can never disagree.
import { h } from './dom.js';
import { field, isEmpty, missingMessage, requiredMark } from './field.js';
import { enumText, fieldLabel } from './glossary.js';
import { readDayMonthYear } from './format.js';
import { bi } from './i18n.js';

/**
 * buildSchemaForm(schema) → {
 *   element,                 the fields, to put inside a <form>
 *   read(),                  the data object to send
 *   check(),                 marks empty required fields; returns the first, or null
 *   showErrors(errors),      places [{path, message}]; returns those it could not place
 *   clearErrors(),
 * }
 */
export function buildSchemaForm(schema) {
  const slots = new Map(); // JSON pointer → setError
  const requiredControls = [];
  const root = node(schema ?? { type: 'object' }, [], { required: true, chain: true }, { slots, requiredControls });

  return {
    element: root.element,
    read: () => root.read() ?? {},
    check() {
      let first = null;
      for (const f of requiredControls) {
        if (!isEmpty(f.control)) continue;
        f.setError(missingMessage());
        first ??= f.control;
      }
      return first;
    },
    showErrors(errors) {
      const byPath = new Map();
      const unplaced = [];
      for (const e of errors) {
        if (slots.has(e.path)) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e.message]);
        else unplaced.push(e);
      }
      for (const [path, messages] of byPath) slots.get(path)(messages.join('; '));
      return unplaced;
    },
    clearErrors() {
      for (const setError of slots.values()) setError(null);
    },
  };
}

function pointer(path) {
  return path.map((k) => '/' + String(k).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

const isDate = (kind, schema) => kind === 'string' && schema.format === 'date';

function kindOf(schema) {
  if (Array.isArray(schema.enum)) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (!type && schema.properties) return 'object';
  return ['object', 'string', 'integer', 'number', 'boolean'].includes(type) ? type : 'json';
}

/**
 * One schema node. `required` says whether its parent requires it; `chain`
 * whether every ancestor is required too — only then may the console insist
 * on it, since an optional parent left empty is not sent at all.
 */
function node(schema, path, { required, chain }, registry) {
  const kind = kindOf(schema);
  if (kind === 'object' && (schema.properties || path.length === 0)) return objectNode(schema, path, { required, chain }, registry);

  const key = path.at(-1);
  const insist = required && chain;
  const control = controlFor(kind, schema);
  // `x-description: { vi, en }` first: a plain `description` is often English only.
  const description = schema['x-description'] ?? schema.description;
  const hint =
    kind === 'json'
      ? bi('Nhập dưới dạng JSON', 'Enter as JSON')
      : description && typeof description === 'object'
        ? bi(description.vi ?? description.en, description.en ?? description.vi)
        : typeof description === 'string'
          ? description
          : isDate(kind, schema)
            ? bi('Ngày/tháng/năm, ví dụ 20/02/2026', 'Day/month/year, e.g. 20/02/2026')
            : null;
  const f = field({ label: fieldLabel(key, schema), control, hint, required: insist });
  registry.slots.set(pointer(path), f.setError);
  if (insist) registry.requiredControls.push(f);
  return { element: f.row, read: () => readControl(kind, schema, control, required) };
}

function objectNode(schema, path, { required, chain }, registry) {
  const requiredKeys = new Set(schema.required ?? []);
  const children = Object.entries(schema.properties ?? {}).map(([key, sub]) => ({
    key,
    ...node(sub ?? {}, [...path, key], { required: requiredKeys.has(key), chain: chain && required }, registry),
  }));
  const error = h('p', { class: 'field-error', hidden: true });
  registry.slots.set(pointer(path), (message) => {
    error.replaceChildren(...(message ? [message] : []));
    error.hidden = !message;
  });
  const body = children.length ? children.map((c) => c.element) : h('p', { class: 'muted' }, bi('Thủ tục này không có thông tin riêng.', 'This procedure has no data of its own.'));
  const element =
    path.length === 0
      ? h('div', { class: 'schema-form' }, error, body)
      : h('fieldset', { class: 'schema-fieldset' }, h('legend', {}, fieldLabel(path.at(-1), schema), required && chain ? requiredMark() : null), error, h('div', { class: 'fields' }, body));
  return {
    element,
    read() {
      const out = {};
      for (const c of children) {
        const value = c.read();
        if (value !== undefined) out[c.key] = value;
      }
      // An optional group left empty is left out, so its own required fields do not fail.
      if (path.length > 0 && !required && Object.keys(out).length === 0) return undefined;
      return out;
    },
  };
}

function controlFor(kind, schema) {
  switch (kind) {
    case 'enum':
      return h(
        'select',
        {},
        h('option', { value: '' }, '— Chọn (Choose) —'),
        schema.enum.map((v, i) => h('option', { value: String(i), selected: schema.default === v }, enumText(v))),
      );
    case 'boolean':
      return h('input', { type: 'checkbox', checked: schema.default === true });
    case 'integer':
    case 'number':
      return h('input', { type: 'number', inputmode: kind === 'integer' ? 'numeric' : 'decimal', step: kind === 'integer' ? '1' : 'any', min: schema.minimum, max: schema.maximum, value: schema.default ?? '' });
    case 'string':
      return h('input', {
        type: schema.format === 'email' ? 'email' : 'text',
        placeholder: schema.format === 'date' ? 'dd/mm/yyyy' : null,
        maxlength: schema.maxLength,
        // Digit-only patterns (ID numbers) get the numeric keypad on tablets.
        inputmode: schema.format === 'date' || (typeof schema.pattern === 'string' && /^\^\[0-9\]/.test(schema.pattern)) ? 'numeric' : null,
        autocomplete: 'off',
        value: typeof schema.default === 'string' ? schema.default : '',
      });
    default:
      return h('textarea', { rows: 3, class: 'mono', spellcheck: 'false' });
  }
}

function readControl(kind, schema, control, required) {
  switch (kind) {
    case 'enum':
      return control.value === '' ? undefined : schema.enum[Number(control.value)];
    case 'boolean':
      // Unticked means "not presented": left out unless the schema insists on an answer.
      return control.checked ? true : required ? false : undefined;
    case 'integer':
    case 'number':
      return control.value === '' ? undefined : Number(control.value);
    case 'string':
      if (control.value.trim() === '') return undefined;
      return schema.format === 'date' ? readDayMonthYear(control.value) : control.value.trim();
    default: {
      if (control.value.trim() === '') return undefined;
      try {
        return JSON.parse(control.value);
      } catch {
        return control.value; // not JSON: send it as typed, and the server says what is wrong
      }
    }
  }
}
