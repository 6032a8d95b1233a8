/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The story editor (bundled by scripts/bundle-editor.mjs into newsroom-editor.js): Tiptap
 * over the body's textarea, right to left, with a toolbar a keyboard can reach; autosave of
 * the whole form as JSON; tag completion; images from the media library. Without this
 * script the page still works: the textarea takes HTML and the buttons submit the form.
 */
import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';

/** The library image as pages show it: `srcset` and `sizes` kept through editing. */
const BodyImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      srcset: { default: null },
      sizes: { default: null },
    };
  },
});

const AUTOSAVE_DELAY_MS = 2000;

function persianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

function clock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return persianDigits(`${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`);
}

interface ToolButton {
  label: string;
  /** Shown to screen readers and as a tooltip, with the shortcut. */
  title: string;
  run(editor: Editor): void;
  active?(editor: Editor): boolean;
}

/** What the parts of the editor share: the form, its body's textarea and the Tiptap editor. */
interface EditorContext {
  form: HTMLFormElement;
  textarea: HTMLTextAreaElement;
  editor: Editor;
  /** Tells the writer something in the autosave status line. */
  say: (text: string) => void;
}

/** The toolbar and the editing area inside `mount`, and Tiptap over the textarea's HTML. */
function createEditor(mount: HTMLElement, textarea: HTMLTextAreaElement): { editor: Editor; toolbar: HTMLDivElement; area: HTMLDivElement } {
  const toolbar = document.createElement('div');
  toolbar.className = 'editor-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'قالب‌بندی متن');
  toolbar.setAttribute('aria-controls', 'story-body-editor');
  const area = document.createElement('div');
  area.className = 'editor-area';
  mount.append(toolbar, area);

  const editor = new Editor({
    element: area,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['http', 'https', 'mailto'],
          HTMLAttributes: { rel: null, target: null },
        },
      }),
      BodyImage.configure({ inline: false, allowBase64: false }),
    ],
    content: textarea.value,
    editorProps: {
      attributes: {
        id: 'story-body-editor',
        dir: 'rtl',
        lang: 'fa',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'story-body-label',
        'aria-describedby': 'editor-help',
      },
    },
  });
  textarea.hidden = true;
  const label = document.getElementById('story-body-label');
  label?.removeAttribute('for');
  label?.addEventListener('click', () => editor.commands.focus());
  return { editor, toolbar, area };
}

/** The link dialog; answers the function that opens it for the link at the cursor. */
function setupLinkDialog(editor: Editor): () => void {
  const linkDialog = document.getElementById('link-dialog') as HTMLDialogElement | null;
  const linkInput = document.getElementById('link-url') as HTMLInputElement | null;

  const editLink = () => {
    if (!linkDialog || !linkInput) return;
    linkInput.value = (editor.getAttributes('link').href as string | undefined) ?? '';
    linkDialog.returnValue = '';
    linkDialog.showModal();
    linkInput.focus();
  };
  linkDialog?.addEventListener('close', () => {
    const href = linkInput?.value.trim() ?? '';
    if (linkDialog.returnValue === 'ok' && href) editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    else if (linkDialog.returnValue === 'remove') editor.chain().focus().extendMarkRange('link').unsetLink().run();
    else editor.commands.focus();
  });
  return editLink;
}

function toolButtons(editLink: () => void, imageDialog: HTMLDialogElement | null): Array<ToolButton | 'sep'> {
  return [
    { label: 'پاراگراف', title: 'پاراگراف (Ctrl+Alt+0)', run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
    {
      label: 'میان‌تیتر',
      title: 'میان‌تیتر (Ctrl+Alt+2)',
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive('heading', { level: 2 }),
    },
    {
      label: 'میان‌تیتر کوچک',
      title: 'میان‌تیتر کوچک (Ctrl+Alt+3)',
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive('heading', { level: 3 }),
    },
    'sep',
    { label: 'پررنگ', title: 'پررنگ (Ctrl+B)', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
    { label: 'کج', title: 'کج (Ctrl+I)', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
    { label: 'پیوند', title: 'پیوند (Ctrl+K)', run: () => editLink(), active: (e) => e.isActive('link') },
    'sep',
    { label: 'نقل‌قول', title: 'نقل‌قول (Ctrl+Shift+B)', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    {
      label: 'فهرست',
      title: 'فهرست نشانه‌دار (Ctrl+Shift+8)',
      run: (e) => e.chain().focus().toggleBulletList().run(),
      active: (e) => e.isActive('bulletList'),
    },
    {
      label: 'فهرست شماره‌دار',
      title: 'فهرست شماره‌دار (Ctrl+Shift+7)',
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
    },
    'sep',
    { label: 'تصویر', title: 'افزودن تصویر از کتابخانه', run: () => imageDialog?.showModal() },
    { label: 'واگرد', title: 'واگرد (Ctrl+Z)', run: (e) => e.chain().focus().undo().run() },
  ];
}

/** Fills the toolbar with its buttons and keeps their pressed state in step with the selection. */
function setupToolbar(toolbar: HTMLElement, editor: Editor, tools: Array<ToolButton | 'sep'>): void {
  const buttons: Array<[HTMLButtonElement, ToolButton]> = [];
  for (const tool of tools) {
    if (tool === 'sep') {
      const sep = document.createElement('span');
      sep.className = 'sep';
      sep.setAttribute('aria-hidden', 'true');
      toolbar.append(sep);
      continue;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = tool.label;
    button.title = tool.title;
    button.setAttribute('aria-label', tool.title);
    if (tool.active) button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => tool.run(editor));
    toolbar.append(button);
    buttons.push([button, tool]);
  }
  const refreshToolbar = () => {
    for (const [button, tool] of buttons) if (tool.active) button.setAttribute('aria-pressed', String(tool.active(editor)));
  };
  editor.on('selectionUpdate', refreshToolbar);
  editor.on('transaction', refreshToolbar);
}

/** Ctrl+K: a link; Ctrl+S: save now (the form's first button). */
function setupShortcuts({ form, textarea, editor }: EditorContext, area: HTMLElement, editLink: () => void): void {
  area.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      editLink();
    }
  });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      textarea.value = editor.getHTML();
      const save = form.querySelector<HTMLButtonElement>('button[name="action"][value="save"]');
      if (save) form.requestSubmit(save);
    }
  });
}

/** Images from the library: a pick in the image dialog goes in at the cursor. */
function setupImagePicker({ editor, say }: EditorContext, imageDialog: HTMLDialogElement | null): void {
  imageDialog?.addEventListener('click', (event) => {
    const pick = (event.target as HTMLElement).closest<HTMLButtonElement>('.media-pick');
    if (!pick) return;
    const d = pick.dataset;
    imageDialog.close();
    editor
      .chain()
      .focus()
      .setImage({ src: d.src ?? '', alt: d.alt ?? '' })
      .updateAttributes('image', { srcset: d.srcset ?? null, sizes: '(max-width: 48rem) 100vw, 48rem', width: d.width ?? null, height: d.height ?? null })
      .run();
    say(d.alt ? 'تصویر افزوده شد.' : 'تصویر افزوده شد؛ پیش از انتشار برایش متن جایگزین بنویسید.');
  });
}

/** The form as the autosave endpoint takes it (the body from the editor). */
function autosavePayload({ form, textarea, editor }: EditorContext) {
  textarea.value = editor.getHTML();
  const data = new FormData(form);
  const value = (name: string) => {
    const v = data.get(name);
    return typeof v === 'string' ? v : '';
  };
  return {
    title: value('title'),
    kicker: value('kicker'),
    lead: value('lead'),
    body: textarea.value,
    source: value('source'),
    service: value('service'),
    tags: value('tags'),
  };
}

interface AutosaveAnswer {
  code?: number;
  editUrl?: string;
  autosaveUrl?: string;
  error?: { message?: string };
}

/** Sends the form to the autosave endpoint; a new story's first save makes the form edit it. */
async function saveDraft(form: HTMLFormElement, body: ReturnType<typeof autosavePayload>): Promise<void> {
  const csrf = form.dataset.csrf ?? '';
  const res = await fetch(form.dataset.autosave ?? '', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as AutosaveAnswer;
  if (!res.ok) throw new Error(answer.error?.message ?? String(res.status));
  if (!form.dataset.code && answer.code && answer.editUrl && answer.autosaveUrl) {
    // The first save of a new story gave it a news code: the form now edits that story.
    form.dataset.code = String(answer.code);
    // Not `form.action`: the buttons named «action» shadow that property on a form element.
    form.setAttribute('action', answer.editUrl);
    form.dataset.autosave = answer.autosaveUrl;
    history.replaceState(null, '', answer.editUrl);
    const meta = document.querySelector('.story-meta .news-code');
    if (meta) meta.textContent = `کد خبر: ${persianDigits(String(answer.code))}`;
  }
}

/** Autosave of the whole form as JSON, a moment after the last change. */
function setupAutosave(ctx: EditorContext): void {
  const { form, textarea, editor, say } = ctx;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saving = false;
  let again = false;
  let dirty = false;

  const autosave = async () => {
    if (saving) {
      again = true;
      return;
    }
    const body = autosavePayload(ctx);
    if (!body.title.trim()) {
      say('برای ذخیرهٔ خودکار، تیتر را بنویسید.');
      return;
    }
    saving = true;
    dirty = false;
    say('در حال ذخیره…');
    try {
      await saveDraft(form, body);
      say(`پیش‌نویس ساعت ${clock(new Date())} ذخیره شد.`);
    } catch (error) {
      dirty = true;
      say(`ذخیرهٔ خودکار ناموفق بود: ${(error as Error).message}`);
    } finally {
      saving = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void autosave(), AUTOSAVE_DELAY_MS);
  };

  editor.on('update', () => {
    textarea.value = editor.getHTML();
    schedule();
  });
  form.addEventListener('input', (event) => {
    if ((event.target as HTMLElement).closest('.schedule')) return;
    schedule();
  });
  form.addEventListener('submit', () => {
    if (timer) clearTimeout(timer);
    dirty = false;
    textarea.value = editor.getHTML();
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty || saving) event.preventDefault();
  });
}

/** Tag completion: the site's tags that start like the last one being typed. */
function setupTagCompletion(): void {
  const tags = document.getElementById('story-tags') as HTMLInputElement | null;
  const datalist = document.getElementById('tag-suggestions');
  let tagTimer: ReturnType<typeof setTimeout> | undefined;
  tags?.addEventListener('input', () => {
    if (tagTimer) clearTimeout(tagTimer);
    tagTimer = setTimeout(() => void suggestTags(), 200);
  });
  // Suggests the site's tags that start like the last one being typed.
  async function suggestTags(): Promise<void> {
    if (!tags || !datalist) return;
    const parts = tags.value.split(/[,،]/);
    const last = (parts.pop() ?? '').trim();
    if (!last) return;
    const res = await fetch(`/newsroom/tags.json?q=${encodeURIComponent(last)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const { items } = (await res.json()) as { items: string[] };
    const head = parts.map((p) => p.trim()).filter(Boolean);
    datalist.replaceChildren(
      ...items.map((name) => {
        const option = document.createElement('option');
        option.value = [...head, name].join('، ');
        option.label = name;
        return option;
      }),
    );
  }
}

function start(): void {
  const form = document.getElementById('story-form') as HTMLFormElement | null;
  const textarea = document.getElementById('story-body') as HTMLTextAreaElement | null;
  const mount = document.getElementById('editor-mount');
  if (!form || !textarea || !mount) return;
  const status = document.getElementById('autosave-status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };

  const { editor, toolbar, area } = createEditor(mount, textarea);
  const ctx: EditorContext = { form, textarea, editor, say };
  const imageDialog = document.getElementById('image-dialog') as HTMLDialogElement | null;
  const editLink = setupLinkDialog(editor);
  setupToolbar(toolbar, editor, toolButtons(editLink, imageDialog));
  setupShortcuts(ctx, area, editLink);
  setupImagePicker(ctx, imageDialog);
  setupAutosave(ctx);
  setupTagCompletion();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
