// Form controls: every one labelled, with its error message next to it (aria-describedby, aria-invalid).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, listAll } from '../api';
import { nameOf, primeName, rulebook } from '../components';
import { label, t } from '../i18n';
import type { CollectionName } from '../types';
import { fieldLabel, SMALL, type Field } from './schema';

export type Errors = Record<string, string>;

/** "$.roles[0].person" → "roles.0.person": the key of the form field the server's message belongs to. */
export function pathKey(path: string): string {
  return path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}
export const fieldId = (path: string) => 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');
const errId = (path: string) => fieldId(path) + '-err';

function ErrorText({ path, errors }: { path: string; errors: Errors }) {
  const msg = errors[path];
  if (!msg) return null;
  return (
    <p class="field-error" id={errId(path)}>
      <span aria-hidden="true">✖ </span>
      {msg}
    </p>
  );
}

const smallCache = new Map<CollectionName, Promise<{ id: string; name: string }[]>>();
export function smallOptions(c: CollectionName) {
  let p = smallCache.get(c);
  if (!p) {
    p = listAll(c).then((items) =>
      items.map((x: any) => {
        primeName(c, x.id, x.name ?? x.id);
        return { id: x.id as string, name: (x.name as string) ?? x.id };
      }),
    );
    p.catch(() => smallCache.delete(c));
    smallCache.set(c, p);
  }
  return p;
}
export function forgetOptions(c: CollectionName) {
  smallCache.delete(c);
}

interface PickerProps {
  c: CollectionName;
  value: string | null;
  onChange: (v: string | null) => void;
  id: string;
  labelText: string;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  /** Search the server only once the picker is used (a filter that is seldom set need not ask on every page load). */
  lazy?: boolean;
}

/** A reference to another entity: a select of all for small collections, a server-side search for people and systems. */
export function RefPicker(p: PickerProps) {
  const small = SMALL.includes(p.c);
  const [options, setOptions] = useState<{ id: string; name: string }[]>([]);
  const [q, setQ] = useState('');
  const [currentName, setCurrentName] = useState('');
  const [used, setUsed] = useState(!p.lazy);
  useEffect(() => {
    if (!used) return;
    if (small) {
      smallOptions(p.c).then(setOptions, () => setOptions([]));
      return;
    }
    let live = true;
    const timer = setTimeout(
      () =>
        api.list(p.c, { q, limit: 50 }).then(
          // People are told apart by their title, not by their key.
          (page) => live && setOptions(page.items.map((x: any) => ({ id: x.id, name: (x.name ?? x.id) + (x.title ? ` (${label(x.title)})` : '') }))),
          () => live && setOptions([]),
        ),
      q ? 250 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [p.c, q, used]);
  useEffect(() => {
    if (p.value && !small) nameOf(p.c, p.value).then(setCurrentName);
  }, [p.c, p.value]);
  const opts = [...options];
  if (p.value && !opts.some((o) => o.id === p.value)) opts.unshift({ id: p.value, name: currentName || p.value });
  return (
    <div class="picker">
      {!small && (
        <input
          type="search"
          class="picker-search"
          id={p.id + '-search'}
          aria-label={`${t('search')}: ${p.labelText}`}
          placeholder={t('search') + '…'}
          value={q}
          onFocus={() => setUsed(true)}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        />
      )}
      <select
        id={p.id}
        aria-describedby={p.describedBy}
        aria-invalid={p.invalid ? 'true' : undefined}
        aria-required={p.required ? 'true' : undefined}
        value={p.value ?? ''}
        onFocus={() => setUsed(true)}
        onMouseDown={() => setUsed(true)}
        onChange={(e) => p.onChange((e.target as HTMLSelectElement).value || null)}
      >
        <option value="">{t('choose')}</option>
        {opts.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

// A time field shows and takes Europe/Stockholm wall time, whatever the browser's own zone (the label says so).
const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function stockholmWall(d: Date): string {
  const p: Record<string, string> = {};
  for (const x of wallFormat.formatToParts(d)) p[x.type] = x.value;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
function toLocalInput(v: string | null | undefined): string {
  if (!v) return '';
  const d = new Date(v);
  if (isNaN(d.getTime())) return '';
  return stockholmWall(d);
}
function fromLocalInput(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return null;
  // The instant whose Stockholm wall time is v: start from v read as UTC and correct by the zone's offset then
  // (twice, so that a change between summer and winter time in between is followed).
  const asUtc = Date.parse(v.slice(0, 16) + ':00Z');
  if (isNaN(asUtc)) return null;
  let t = asUtc;
  for (let i = 0; i < 2; i++) t = asUtc - (Date.parse(stockholmWall(new Date(t)) + ':00Z') - t);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface FieldProps {
  f: Field;
  path: string;
  value: any;
  row?: any;
  onChange: (v: any) => void;
  errors: Errors;
  readOnly?: boolean;
}

/** One field of the schema at `path`, rendered by its type. */
export function FieldInput({ f, path, value, onChange, errors, readOnly }: FieldProps) {
  const id = fieldId(path);
  const text = fieldLabel(f.key);
  const invalid = !!errors[path];
  const describedBy = invalid ? errId(path) : undefined;
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-required': f.required ? ('true' as const) : undefined,
  };
  const lbl = (
    <label for={id}>
      {text}
      {f.required && (
        <span class="req">
          {' '}
          <span aria-hidden="true">*</span>
          <span class="sr-only">({t('required')})</span>
        </span>
      )}
    </label>
  );
  const wrap = (control: preact.ComponentChildren, cls = '') => (
    <div class={`field ${cls} ${invalid ? 'has-error' : ''}`}>
      {lbl}
      {control}
      <ErrorText path={path} errors={errors} />
    </div>
  );
  switch (f.type) {
    case 'text':
    case 'email':
      return wrap(
        <input
          {...common}
          type={f.type === 'email' ? 'email' : 'text'}
          value={value ?? ''}
          readOnly={readOnly}
          onInput={(e) => onChange((e.target as HTMLInputElement).value)}
        />,
      );
    case 'textarea':
      return wrap(<textarea {...common} rows={3} value={value ?? ''} onInput={(e) => onChange((e.target as HTMLTextAreaElement).value)} />);
    case 'date':
      return wrap(<input {...common} type="date" value={value ?? ''} onInput={(e) => onChange((e.target as HTMLInputElement).value || null)} />);
    case 'datetime':
      return wrap(
        <>
          <input
            {...common}
            aria-describedby={[describedBy, `${id}-zone`].filter(Boolean).join(' ')}
            type="datetime-local"
            value={toLocalInput(value)}
            onInput={(e) => onChange(fromLocalInput((e.target as HTMLInputElement).value))}
          />
          <span class="muted small" id={`${id}-zone`}>
            {' '}
            {t('stockholm_time')}
          </span>
        </>,
      );
    case 'number':
      return wrap(
        <input
          {...common}
          type="number"
          inputMode="numeric"
          min={f.min}
          max={f.max}
          value={value ?? ''}
          onInput={(e) => {
            const s = (e.target as HTMLInputElement).value;
            onChange(s === '' ? null : Number(s));
          }}
        />,
      );
    case 'bool':
      return (
        <div class={`field field-check ${invalid ? 'has-error' : ''}`}>
          <input {...common} type="checkbox" checked={!!value} onChange={(e) => onChange((e.target as HTMLInputElement).checked)} />
          <label for={id}>{text}</label>
          <ErrorText path={path} errors={errors} />
        </div>
      );
    case 'enum':
      return wrap(
        <select {...common} value={value ?? ''} onChange={(e) => onChange((e.target as HTMLSelectElement).value || null)}>
          <option value="">{t('choose')}</option>
          {value && !f.options!.includes(value) && <option value={value}>{label(value)}</option>}
          {f.options!.map((o) => (
            <option key={o} value={o}>
              {label(o)}
            </option>
          ))}
        </select>,
      );
    case 'ref':
      return wrap(
        <RefPicker
          c={f.c!}
          id={id}
          value={value ?? null}
          onChange={onChange}
          labelText={text}
          describedBy={describedBy}
          invalid={invalid}
          required={f.required}
        />,
      );
    case 'strings':
      return wrap(
        <>
          <textarea
            {...common}
            aria-describedby={[describedBy, id + '-hint'].filter(Boolean).join(' ')}
            rows={3}
            value={(value ?? []).join('\n')}
            onInput={(e) =>
              onChange(
                (e.target as HTMLTextAreaElement).value.split('\n').map((s, i, all) => (i < all.length - 1 ? s.trim() : s)),
              )
            }
          />
          <p class="hint" id={id + '-hint'}>
            {t('one_per_line')}
          </p>
        </>,
      );
    case 'refs':
      return <MultiRef f={f} path={path} value={value ?? []} onChange={onChange} errors={errors} />;
    case 'object':
      return (
        <fieldset class={`group ${invalid ? 'has-error' : ''}`}>
          <legend>{text}</legend>
          <ErrorText path={path} errors={errors} />
          {f.fields!.map((sub) => (
            <FieldInput
              key={sub.key}
              f={sub}
              path={`${path}.${sub.key}`}
              value={value?.[sub.key]}
              onChange={(v) => onChange({ ...(value ?? {}), [sub.key]: v })}
              errors={errors}
            />
          ))}
        </fieldset>
      );
    case 'rows':
      return <Rows f={f} path={path} value={value ?? []} onChange={onChange} errors={errors} />;
  }
}

function MultiRef({ f, path, value, onChange, errors }: { f: Field; path: string; value: string[]; onChange: (v: any) => void; errors: Errors }) {
  const text = fieldLabel(f.key);
  const invalid = !!errors[path];
  const [options, setOptions] = useState<{ id: string; name: string }[] | null>(f.options ? f.options.map((o) => ({ id: o, name: label(o) })) : null);
  const small = !f.c || SMALL.includes(f.c);
  useEffect(() => {
    if (f.rulebookOptions) {
      const key = f.rulebookOptions;
      rulebook().then((rb) => setOptions(((rb[key] as string[] | undefined) ?? []).map((o) => ({ id: o, name: label(o) }))), () => setOptions([]));
      return;
    }
    if (f.c && small) smallOptions(f.c).then(setOptions, () => setOptions([]));
  }, [f.c]);
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((x) => x !== id));
  if (small) {
    const opts = [...(options ?? [])];
    for (const v of value) if (!opts.some((o) => o.id === v)) opts.push({ id: v, name: v });
    return (
      <fieldset class={`group checks ${invalid ? 'has-error' : ''}`} id={fieldId(path)} tabIndex={-1}>
        <legend>
          {text}
          {f.required && <span class="req"> <span aria-hidden="true">*</span><span class="sr-only">({t('required')})</span></span>}
        </legend>
        <ErrorText path={path} errors={errors} />
        {options === null && <p class="muted">{t('loading')}</p>}
        <div class="check-grid">
          {opts.map((o, i) => {
            const id = `${fieldId(path)}-${i}`;
            return (
              <div class="field-check" key={o.id}>
                <input type="checkbox" id={id} checked={value.includes(o.id)} onChange={(e) => toggle(o.id, (e.target as HTMLInputElement).checked)} />
                <label for={id}>{o.name}</label>
              </div>
            );
          })}
        </div>
        {value.map((v, i) => errors[`${path}.${i}`] && <ErrorText key={v} path={`${path}.${i}`} errors={errors} />)}
      </fieldset>
    );
  }
  return <BigMultiRef f={f} path={path} value={value} onChange={onChange} errors={errors} />;
}

function BigMultiRef({ f, path, value, onChange, errors }: { f: Field; path: string; value: string[]; onChange: (v: any) => void; errors: Errors }) {
  const text = fieldLabel(f.key);
  const [names, setNames] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState<string | null>(null);
  useEffect(() => {
    for (const v of value) if (!names[v]) nameOf(f.c!, v).then((n) => setNames((m) => ({ ...m, [v]: n })));
  }, [value.join('|')]);
  return (
    <fieldset class={`group ${errors[path] ? 'has-error' : ''}`} id={fieldId(path)} tabIndex={-1}>
      <legend>{text}</legend>
      <ErrorText path={path} errors={errors} />
      <ul class="chips">
        {value.map((v, i) => (
          <li key={v}>
            {names[v] ?? v}
            <button type="button" class="link" onClick={() => onChange(value.filter((x) => x !== v))}>
              {t('remove')}
              <span class="sr-only"> {names[v] ?? v}</span>
            </button>
            <ErrorText path={`${path}.${i}`} errors={errors} />
          </li>
        ))}
      </ul>
      <div class="inline">
        <RefPicker c={f.c!} id={fieldId(path) + '-add'} value={adding} onChange={setAdding} labelText={`${t('add')}: ${text}`} />
        <label class="sr-only" for={fieldId(path) + '-add'}>
          {t('add')}: {text}
        </label>
        <button
          type="button"
          disabled={!adding}
          onClick={() => {
            if (adding && !value.includes(adding)) onChange([...value, adding]);
            setAdding(null);
          }}
        >
          {t('add')}
        </button>
      </div>
    </fieldset>
  );
}

function Rows({ f, path, value, onChange, errors }: { f: Field; path: string; value: any[]; onChange: (v: any) => void; errors: Errors }) {
  const text = fieldLabel(f.key);
  const lastAdded = useRef<number | null>(null);
  useEffect(() => {
    if (lastAdded.current !== null) {
      document.getElementById(fieldId(`${path}.${lastAdded.current}.${f.fields![0].key}`))?.focus();
      lastAdded.current = null;
    }
  });
  return (
    <fieldset class={`group rows ${errors[path] ? 'has-error' : ''}`}>
      <legend>{text}</legend>
      <ErrorText path={path} errors={errors} />
      {value.map((row, i) => (
        <fieldset class="row" key={i}>
          <legend>
            {text}: {t('list_item', { n: i + 1 })}
          </legend>
          <ErrorText path={`${path}.${i}`} errors={errors} />
          <div class="row-fields">
            {f.fields!
              .filter((sub) => !sub.when || sub.when(row))
              .map((sub) => (
                <FieldInput
                  key={sub.key}
                  f={sub}
                  path={`${path}.${i}.${sub.key}`}
                  value={row?.[sub.key]}
                  row={row}
                  onChange={(v) => onChange(value.map((r, j) => (j === i ? { ...r, [sub.key]: v } : r)))}
                  errors={errors}
                />
              ))}
          </div>
          <button type="button" class="secondary" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('remove_row', { n: i + 1 })}
            <span class="sr-only"> ({text})</span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => {
          lastAdded.current = value.length;
          onChange([...value, {}]);
        }}
      >
        {t('add_row')}: {text}
      </button>
    </fieldset>
  );
}
