// Editing one entity: field-level errors, optimistic concurrency made visible, nothing lost on a failed save.
import { whyNot } from '../session';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Versioned } from '../api';
import { fmtDate, t } from '../i18n';
import type { CollectionName } from '../types';
import { fieldId, FieldInput, forgetOptions, pathKey, type Errors } from './fields';
import { fieldLabel, SCHEMAS, SMALL, type Field } from './schema';

interface Draft {
  at: string;
  value: any;
}
const draftKey = (c: CollectionName, id?: string) => `ansvar.draft.${c}.${id ?? '+new'}`;
function loadDraft(c: CollectionName, id?: string): Draft | null {
  try {
    const s = localStorage.getItem(draftKey(c, id));
    return s ? (JSON.parse(s) as Draft) : null;
  } catch {
    return null;
  }
}
function saveDraft(c: CollectionName, id: string | undefined, value: any) {
  try {
    localStorage.setItem(draftKey(c, id), JSON.stringify({ at: new Date().toISOString(), value }));
  } catch {
    /* storage full or off: the draft stays in the form */
  }
}
function dropDraft(c: CollectionName, id?: string) {
  try {
    localStorage.removeItem(draftKey(c, id));
  } catch {
    /* nothing */
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Empty text becomes null, empty list lines go, an object with nothing in it becomes null; unknown fields stay. */
function clean(fields: Field[], value: any): any {
  const out: any = { ...value };
  for (const f of fields) {
    let v = out[f.key];
    if (v === undefined) continue;
    if (typeof v === 'string' && v.trim() === '' && !f.required) v = null;
    else if (typeof v === 'string' && f.type !== 'textarea') v = v.trim();
    if (f.type === 'strings' && Array.isArray(v)) v = v.map((s: string) => s.trim()).filter(Boolean);
    if (f.type === 'object' && v) {
      v = clean(f.fields!, v);
      if (Object.values(v).every((x) => x === null || x === undefined || x === false || (Array.isArray(x) && x.length === 0))) v = null;
    }
    if (f.type === 'rows' && Array.isArray(v)) v = v.map((r: any) => clean(f.fields!, r));
    out[f.key] = v;
  }
  return out;
}

/** Required fields, checked before the server is asked (the server checks everything again). */
function validate(fields: Field[], value: any, prefix = ''): Errors {
  const errs: Errors = {};
  for (const f of fields) {
    const path = prefix + f.key;
    const v = value?.[f.key];
    if (f.required && (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)))
      errs[path] = `${fieldLabel(f.key)}: ${t('required').toLowerCase()}`;
    if (f.type === 'rows' && Array.isArray(v))
      v.forEach((row: any, i: number) => Object.assign(errs, validate(f.fields!.filter((s) => !s.when || s.when(row)), row, `${path}.${i}.`)));
    if (f.type === 'object' && v) Object.assign(errs, validate(f.fields!, v, `${path}.`));
    if (f.type === 'number' && v !== null && v !== undefined && ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)))
      errs[path] = `${fieldLabel(f.key)}: ${f.min}–${f.max}`;
  }
  return errs;
}

/** Leaf paths of a JSON value, for comparing their version with mine. */
function flatten(v: any, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const k of Object.keys(v)) flatten(v[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) {
    v.forEach((x, i) => flatten(x, `${prefix}[${i}]`, out));
    if (v.length === 0) out[prefix] = '[]';
  } else {
    out[prefix] = v === null || v === undefined ? '–' : Array.isArray(v) ? v.join(', ') || '[]' : String(v);
  }
  return out;
}

export interface FormProps {
  c: CollectionName;
  id?: string; // absent: a new entity
  initial?: any; // for a new entity
  onSaved: (v: Versioned<any>) => void;
  onCancel?: () => void;
  onDeleted?: () => void;
}

/** A refusal with its reason in words: whose scope this is (session.whyNot). */
function refusal(message: string): string {
  const why = whyNot('');
  return `${message} ${why.charAt(0).toUpperCase()}${why.slice(1)}`;
}

export function EntityForm({ c, id, initial, onSaved, onCancel, onDeleted }: FormProps) {
  const fields = SCHEMAS[c];
  const [base, setBase] = useState<Versioned<any> | null>(null);
  const [value, setValue] = useState<any>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [refused, setRefused] = useState(''); // 403: this account may not; nothing in the form is wrong
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Versioned<any> | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleteRoles, setDeleteRoles] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const dirty = useRef(false);

  // Load the entity (or start a new one) and look for a draft left from before.
  useEffect(() => {
    let live = true;
    const stored = loadDraft(c, id);
    if (!id) {
      const start = { ...(initial ?? {}) };
      setBase({ value: start, etag: '' });
      setValue(stored?.value ?? start);
      if (stored) setDraft(stored);
      return;
    }
    api.get(c, id).then(
      (v) => {
        if (!live) return;
        setBase(v);
        setValue(structuredClone(v.value));
        if (stored && !same(stored.value, v.value)) setDraft(stored);
      },
      (e: ApiError) => live && setGeneral([e.message]),
    );
    return () => {
      live = false;
    };
  }, [c, id]);

  // Every change is kept as a draft in this browser until it is saved.
  useEffect(() => {
    if (!dirty.current || value === null) return;
    const timer = setTimeout(() => saveDraft(c, id, value), 300);
    return () => clearTimeout(timer);
  }, [value]);

  if (value === null || base === null)
    return general.length ? (
      <div class="alert alert-error" role="alert">
        {general.join(' ')}
      </div>
    ) : (
      <p role="status">{t('loading')}</p>
    );

  const change = (key: string, v: any) => {
    dirty.current = true;
    setValue((old: any) => ({ ...old, [key]: v }));
  };

  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  async function save(etag: string) {
    const body = clean(fields, value);
    const errs = validate(fields, body);
    const general: string[] = [];
    setErrors(errs);
    setGeneral(general);
    setRefused('');
    if (Object.keys(errs).length) {
      focusSummary();
      return;
    }
    saveDraft(c, id, value);
    setSaving(true);
    try {
      const saved = id ? await api.replace(c, id, body, etag) : await api.create(c, body);
      dropDraft(c, id);
      dirty.current = false;
      if (SMALL.includes(c)) forgetOptions(c);
      setBase(saved);
      setValue(structuredClone(saved.value));
      setSaving(false);
      onSaved(saved);
    } catch (e) {
      setSaving(false);
      if (!(e instanceof ApiError)) {
        setGeneral([String(e)]);
        focusSummary();
        return;
      }
      if (e.status === 403) {
        // Not allowed for this account: said above the form; everything typed stays in the form and in the draft.
        setRefused(refusal(e.message));
        focusSummary();
        return;
      }
      if (e.status === 412 && id) {
        // Someone else saved first: show their version beside mine; my input stays in the form and in the draft.
        try {
          setConflict(await api.get(c, id));
        } catch (e2) {
          setGeneral([(e2 as Error).message]);
        }
        return;
      }
      const fe: Errors = {};
      const rest: string[] = [];
      for (const err of e.problem.errors ?? []) {
        const key = pathKey(err.path);
        if (key && document.getElementById(fieldId(key))) fe[key] = fe[key] ? `${fe[key]}; ${err.message}` : err.message;
        else if (key && document.getElementById(fieldId(key.split('.')[0]))) fe[key.split('.')[0]] = err.message;
        else rest.push(err.path && err.path !== '$' ? `${err.path}: ${err.message}` : err.message);
      }
      if (!e.problem.errors?.length) {
        // "Already exists" belongs to the id field; anything else is said above the form.
        if (e.status === 409 && !id && document.getElementById(fieldId('id'))) fe['id'] = e.problem.detail || e.problem.title || e.message;
        else rest.push(e.problem.detail || e.problem.title || e.message);
      }
      setErrors(fe);
      setGeneral(rest);
      focusSummary();
    }
  }

  async function remove(extra: Record<string, string> = {}) {
    if (!id || !base) return;
    if (!extra.roles && !window.confirm(t('delete_confirm', { name: value.name ?? id }))) return;
    try {
      await api.remove(c, id, base.etag, extra);
      dropDraft(c, id);
      if (SMALL.includes(c)) forgetOptions(c);
      onDeleted?.();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409 && c === 'people') setDeleteRoles(true);
      if (err.status === 403) setRefused(refusal(err.message));
      else if (err.status === 412) setConflict(await api.get(c, id));
      else setGeneral([err.problem?.detail || err.message, ...(err.problem?.errors ?? []).map((x) => `${x.path}: ${x.message}`)]);
      focusSummary();
    }
  }

  const errorCount = Object.keys(errors).length + general.length;
  const diff = conflict
    ? (() => {
        const theirs = flatten(conflict.value);
        const mine = flatten(clean(fields, value));
        const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])].filter((k) => (theirs[k] ?? '–') !== (mine[k] ?? '–'));
        return keys.map((k) => ({ k, theirs: theirs[k] ?? '–', mine: mine[k] ?? '–' }));
      })()
    : [];

  return (
    <form
      class="entity-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(base.etag);
      }}
    >
      <div ref={summaryRef} tabIndex={-1} class="form-summary">
        {refused && (
          <div class="alert alert-error" role="alert">
            <p>
              <span aria-hidden="true">✖ </span>
              <strong>{refused}</strong>
            </p>
          </div>
        )}
        {errorCount > 0 && (
          <div class="alert alert-error" role="alert">
            <p>
              <strong>{t('form_errors', { n: errorCount })}</strong>
            </p>
            <ul>
              {Object.entries(errors).map(([k, msg]) => (
                <li key={k}>
                  <a href={`#${fieldId(k)}`} onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(fieldId(k))?.focus();
                  }}>
                    {msg}
                  </a>
                </li>
              ))}
              {general.map((g, i) => (
                <li key={'g' + i}>{g}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      {draft && (
        <div class="alert alert-info" role="status">
          <p>{t('draft_available')} ({fmtDate(draft.at)})</p>
          <div class="actions">
            <button
              type="button"
              onClick={() => {
                dirty.current = true;
                setValue(draft.value);
                setDraft(null);
              }}
            >
              {t('draft_use')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                dropDraft(c, id);
                setDraft(null);
              }}
            >
              {t('draft_discard')}
            </button>
          </div>
        </div>
      )}

      <div class="form-fields">
        {fields.map((f) => (
          <FieldInput
            key={f.key}
            f={f}
            path={f.key}
            value={value[f.key]}
            onChange={(v) => change(f.key, v)}
            errors={errors}
            readOnly={f.idField && !!id}
          />
        ))}
      </div>

      <div class="actions sticky-actions">
        <button type="submit" disabled={saving}>
          {saving ? t('saving') : id ? t('save') : t('create')}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
        {id && onDeleted && (
          <button type="button" class="danger" onClick={() => remove()}>
            {t('delete')}
          </button>
        )}
      </div>

      {deleteRoles && (
        <div class="alert alert-info" role="alert">
          <p>{t('person_delete_roles')}</p>
          <button type="button" onClick={() => remove({ roles: 'remove' })}>
            {t('roles_remove')}
          </button>
        </div>
      )}

      {conflict && (
        <ConflictDialog
          diff={diff}
          onKeep={() => setConflict(null)}
          onOverwrite={() => {
            const etag = conflict.etag;
            setConflict(null);
            save(etag);
          }}
          onReload={() => {
            saveDraft(c, id, value);
            setDraft(loadDraft(c, id));
            setBase(conflict);
            setValue(structuredClone(conflict.value));
            dirty.current = false;
            setConflict(null);
          }}
        />
      )}
    </form>
  );
}

function ConflictDialog({
  diff,
  onKeep,
  onOverwrite,
  onReload,
}: {
  diff: { k: string; theirs: string; mine: string }[];
  onKeep: () => void;
  onOverwrite: () => void;
  onReload: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [compare, setCompare] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="conflict-title" aria-describedby="conflict-text" onCancel={(e) => { e.preventDefault(); onKeep(); }}>
      <h2 id="conflict-title">
        <span aria-hidden="true">⚠ </span>
        {t('conflict_title')}
      </h2>
      <p id="conflict-text">{t('conflict_text')}</p>
      <div class="actions">
        <button type="button" aria-expanded={compare} onClick={() => setCompare(!compare)}>
          {t('conflict_compare')}
        </button>
        <button type="button" onClick={onReload}>
          {t('conflict_reload')}
        </button>
        <button type="button" class="secondary" onClick={onOverwrite}>
          {t('conflict_overwrite')}
        </button>
        <button type="button" class="secondary" onClick={onKeep}>
          {t('conflict_keep')}
        </button>
      </div>
      {compare &&
        (diff.length === 0 ? (
          <p>{t('conflict_no_diff')}</p>
        ) : (
          <div class="table-wrap">
            <table class="compare">
              <caption>{t('conflict_compare')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('conflict_field')}</th>
                  <th scope="col">{t('conflict_theirs')}</th>
                  <th scope="col">{t('conflict_mine')}</th>
                </tr>
              </thead>
              <tbody>
                {diff.map((d) => (
                  <tr key={d.k}>
                    <th scope="row">
                      <code>{d.k}</code>
                    </th>
                    <td>{d.theirs}</td>
                    <td>
                      <mark>{d.mine}</mark>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </dialog>
  );
}
