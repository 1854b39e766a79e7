// The reseller's studio. Speaks only the public /v1 API: a session cookie (HttpOnly, so this
// script never sees it) plus the X-CSRF-Token header on every request that changes something.
// Every preview is the real pipeline's PNG of the brand's draft.
import { messages, format } from "./i18n.js";

const TEMPLATES = ["request", "driver-assignment", "invoice", "act", "contract-supplement", "contract"];
const LANGUAGES = ["ru", "ky", "en"];
const LIMITS = { footerNote: 500, terms: 20000, uploadBytes: 10 * 1024 * 1024 };
const SAVE_DELAY_MS = 350;        // typing pauses this long before the draft is saved
const THUMBNAIL_DELAY_MS = 700;   // the gallery follows the large preview a little later
const THUMBNAIL_DPI = 40;
const PAD = { width: 600, height: 220 };
const CACHE_LIMIT = 160;          // previews kept as object URLs in this page

const $ = (id) => document.getElementById(id);

const state = {
  ui: "ru",
  session: null,
  csrf: null,
  brand: null,          // the brand id the studio edits
  draft: null,          // DraftAnswer: what previews show
  details: null,        // GET /v1/brands/{id}: versions
  template: "invoice",
  locale: "ru",
  page: 1,
  pages: 1,
  previewSeq: 0,
  previewAbort: null,
  thumbSeq: 0,
  thumbTimer: 0,
  pending: {},          // look members waiting to be saved
  saveTimer: 0,
  saving: null,         // the PATCH in flight
  cache: new Map(),     // preview key → {url, pages}
  status: null,         // the last status message: [key, values]
  discardArmed: 0,
};

// MARK: Words

function t(key, values) {
  const table = messages[state.ui] || messages.ru;
  const text = key.split(".").reduce((node, part) => (node == null ? undefined : node[part]), table);
  return format(text ?? key, values);
}

function applyLanguage() {
  document.documentElement.lang = state.ui;
  document.title = t("appTitle");
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll("[data-i18n-aria]")) element.setAttribute("aria-label", t(element.dataset.i18nAria));
  for (const button of document.querySelectorAll("[data-ui-language]")) {
    button.setAttribute("aria-pressed", String(button.dataset.uiLanguage === state.ui));
  }
  for (const tag of document.querySelectorAll("[data-lang-tag]")) tag.textContent = t(`languageTag.${state.locale}`);
  if (state.draft) {
    renderThumbnailLabels();
    renderViewerTitle();
    renderVersions();
    renderIdentity();
    renderDraftState();
    renderCounters();
    renderContrast(currentAccent());
  }
  if (state.status) setStatus(...state.status);
}

// MARK: API

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, { json, body, headers = {}, accept, signal } = {}) {
  const fields = { ...headers };
  if (json !== undefined) {
    fields["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  }
  if (accept) fields.Accept = accept;
  if (method !== "GET" && state.csrf) fields["X-CSRF-Token"] = state.csrf;
  const response = await fetch(path, { method, headers: fields, body, credentials: "same-origin", cache: "no-store", signal });
  if (!response.ok) {
    let payload = {};
    try { payload = await response.json(); } catch { /* not JSON: keep the status */ }
    if (response.status === 401 && state.session) {
      signedOut(t("sessionExpired"));
    }
    throw new ApiError(response.status, payload);
  }
  return response;
}

const brandPath = (suffix = "") => `/v1/brands/${encodeURIComponent(state.brand)}${suffix}`;

// MARK: Session

async function boot() {
  state.ui = LANGUAGES.includes(localStorage.getItem("studio.ui")) ? localStorage.getItem("studio.ui") : "ru";
  applyLanguage();
  wireControls();
  try {
    const session = await (await api("GET", "/v1/session")).json();
    if (session.signedIn) await enter(session);
    else showSignIn();
  } catch (error) {
    showSignIn(describe(error));
  }
}

function showSignIn(message) {
  $("studio-view").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in-view").hidden = false;
  $("topbar-brand").textContent = "";
  setFieldError("studio-key", message);
  $("studio-key").focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = $("studio-key");
  const key = input.value.trim();
  // The key leaves the page with this one request and is never kept in it.
  input.value = "";
  if (!key.startsWith("dk_")) {
    setFieldError("studio-key", t("keyMissing"));
    return;
  }
  setFieldError("studio-key", null);
  try {
    const response = await fetch("/v1/session", {
      method: "POST", headers: { Authorization: `Bearer ${key}` }, credentials: "same-origin", cache: "no-store",
    });
    if (!response.ok) {
      setFieldError("studio-key", response.status === 403 ? t("keyClient") : t("keyRejected"));
      return;
    }
    await enter(await response.json());
  } catch (error) {
    setFieldError("studio-key", describe(error));
  }
}

function signedOut(message) {
  state.session = null;
  state.csrf = null;
  clearCache();
  showSignIn(message);
}

async function signOut() {
  try { await api("DELETE", "/v1/session"); } catch { /* the cookie is cleared either way */ }
  signedOut();
}

async function enter(session) {
  state.session = session;
  state.csrf = session.csrfToken;
  $("sign-in-view").hidden = true;
  $("studio-view").hidden = false;
  $("sign-out").hidden = false;
  const brands = session.brands || [];
  const wanted = new URLSearchParams(location.search).get("brand");
  const brand = brands.find((entry) => entry.id === wanted) || brands.find((entry) => !entry.isPlatform) || brands[0];
  const picker = $("brand-picker");
  picker.replaceChildren(...brands.map((entry) => new Option(`${entry.displayName} (${entry.id})`, entry.id)));
  $("brand-picker-field").hidden = brands.length < 2;
  if (!brand) {
    setFieldError("preview", t("failed", { detail: "no brand" }));
    return;
  }
  picker.value = brand.id;
  await openBrand(brand.id);
}

async function openBrand(id) {
  state.brand = id;
  state.draft = null;
  state.page = 1;
  clearCache();
  renderThumbnails();
  await reloadBrand();
}

async function reloadBrand() {
  const [draft, details] = await Promise.all([
    api("GET", brandPath("/draft")).then((r) => r.json()),
    api("GET", brandPath()).then((r) => r.json()),
  ]);
  state.details = details;
  showDraft(draft);
  renderVersions();
  renderIdentity();
}

/** Takes a draft answer: fills the form (except the field being typed in) and refreshes previews. */
function showDraft(draft, { keepEdits = false } = {}) {
  const changed = !state.draft || state.draft.fingerprint !== draft.fingerprint;
  state.draft = draft;
  $("topbar-brand").textContent = draft.displayName;
  if (!keepEdits) fillForm();
  renderImages();
  renderDraftState();
  if (changed) refreshPreviews();
}

// MARK: Form

function fillForm() {
  const draft = state.draft;
  const accent = draft.accentColor.toUpperCase();
  if (document.activeElement !== $("accent-color")) $("accent-color").value = accent;
  $("accent-picker").value = accent.toLowerCase();
  applyAccent(accent);
  if (!("footerNote" in state.pending)) $("footer-note").value = draft.footerNote[state.locale] || "";
  if (!("terms" in state.pending)) $("terms").value = draft.terms[state.locale] || "";
  renderCounters();
}

function currentAccent() {
  const value = $("accent-color").value.trim();
  return /^#[0-9a-fA-F]{6}$/.test(value) ? value : state.draft?.accentColor || "#1B7F5A";
}

function applyAccent(hex) {
  const root = document.documentElement.style;
  root.setProperty("--accent", hex);
  const l = luminance(hex);
  root.setProperty("--on-accent", (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff");
  renderContrast(hex);
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex) {
  const channel = (index) => {
    const value = parseInt(hex.slice(index, index + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function renderContrast(hex) {
  const l = luminance(hex);
  // Text on the accent (table headers): the templates print black or white, whichever contrasts
  // more (DocEngine's Color.readableTextColor), so this stays at 4.58:1 or more with today's engine;
  // the check is WCAG AA for small text and holds whatever the engine's rule becomes.
  const onAccent = Math.max((l + 0.05) / 0.05, 1.05 / (l + 0.05));
  // The accent on white: titles (large, bold) and rules, WCAG 1.4.3 large text / 1.4.11: 3:1.
  const onWhite = 1.05 / (l + 0.05);
  const ratio = (value) => value.toFixed(1).replace(".", state.ui === "en" ? "." : ",");
  const warnings = [];
  if (onWhite < 3) warnings.push(t("contrastOnWhite", { ratio: ratio(onWhite) }));
  if (onAccent < 4.5) warnings.push(t("contrastOnAccent", { ratio: ratio(onAccent) }));
  const element = $("accent-warning");
  element.textContent = warnings.join(" ");
  element.hidden = warnings.length === 0;
}

function renderCounters() {
  for (const [id, max] of [["footer-note", LIMITS.footerNote], ["terms", LIMITS.terms]]) {
    const count = [...$(id).value].length;
    const counter = $(`${id}-count`);
    counter.textContent = t("characters", { count, max });
    counter.classList.toggle("over", count > max);
  }
}

function onAccentInput(value) {
  const hex = value.trim();
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) {
    // Nothing is sent: the draft keeps its colour until a valid one is typed.
    setFieldError("accent-color", hex.length >= 7 || !hex.startsWith("#") ? t("invalidColor") : null);
    delete state.pending.accentColor;
    return;
  }
  setFieldError("accent-color", null);
  $("accent-picker").value = hex.toLowerCase();
  applyAccent(hex.toUpperCase());
  queueSave({ accentColor: hex.toUpperCase() });
}

/** The member to send for a per-language text: every language's text, this one replaced. */
function localizedPatch(member, value) {
  const texts = { ...(state.draft?.[member] || {}) };
  texts[state.locale] = value;
  const given = Object.fromEntries(LANGUAGES.filter((language) => texts[language]?.trim()).map((language) => [language, texts[language]]));
  return Object.keys(given).length ? given : null;
}

function onTextInput(member, id) {
  renderCounters();
  const value = $(id).value;
  const max = member === "footerNote" ? LIMITS.footerNote : LIMITS.terms;
  const count = [...value].length;
  if (count > max) {
    setFieldError(id, t("tooLong", { count, max }));
    delete state.pending[member];
    return;
  }
  setFieldError(id, null);
  queueSave({ [member]: localizedPatch(member, value) });
}

// MARK: Saving the draft

function queueSave(members) {
  Object.assign(state.pending, members);
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(flushSave, SAVE_DELAY_MS);
}

/** Sends the pending look members (one PATCH at a time; edits made meanwhile follow). */
async function flushSave() {
  clearTimeout(state.saveTimer);
  if (state.saving) {
    await state.saving.catch(() => {});
    return flushSave();
  }
  const patch = state.pending;
  if (!Object.keys(patch).length) return;
  state.pending = {};
  setStatus("saving");
  state.saving = api("PATCH", brandPath("/draft"), { json: patch })
    .then((response) => response.json())
    .then((draft) => {
      for (const member of Object.keys(patch)) setFieldError(fieldOf(member), null);
      showDraft(draft, { keepEdits: true });
    })
    .catch((error) => {
      showErrors(error, fieldOf(Object.keys(patch)[0]));
      renderDraftState();
    })
    .finally(() => { state.saving = null; });
  await state.saving;
}

function fieldOf(member) {
  const root = String(member || "").split(".")[0];
  return { accentColor: "accent-color", footerNote: "footer-note", terms: "terms", logo: "logo", stamp: "stamp", signature: "signature" }[root] || "publish";
}

/** Puts each problem of a refusal beside its field; problems without a known field go to `fallback`. */
function showErrors(error, fallback) {
  if (!(error instanceof ApiError)) {
    if (error?.name !== "AbortError") setFieldError(fallback, describe(error));
    return;
  }
  const problems = error.body.errors?.length ? error.body.errors : [{ message: error.body.message || error.message }];
  const byField = new Map();
  for (const problem of problems) {
    const field = problem.field ? fieldOf(problem.field) : fallback;
    const text = explain(problem, error.status);
    byField.set(field, byField.has(field) ? `${byField.get(field)} ${text}` : text);
  }
  for (const [field, text] of byField) setFieldError(field, text);
}

/** A server problem in the interface's language where it is a known kind, else as sent. */
function explain(problem, status) {
  const message = problem.message || "";
  let match;
  if (status === 413) return t("fileTooLarge", { size: "> 10 MB", max: "10 MB" });
  if ((match = message.match(/names the platform \("(.+?)"\)/))) return t("namesPlatform", { mark: match[1] });
  if ((match = message.match(/^(\d+) characters, more than the (\d+) allowed/))) return t("tooLong", { count: match[1], max: match[2] });
  if (/expected #RRGGBB/.test(message)) return t("invalidColor");
  if (status === 403 && problem.field) return t("identityField", { field: problem.field });
  if (status === 415) return t("fileType", { types: message.replace(/^.*?expected /, "").replace(/, found.*$/, "") });
  if (problem.file && status === 422) return t("fileInvalid", { detail: message });
  return message;
}

function describe(error) {
  return t("failed", { detail: error?.message || String(error) });
}

function setFieldError(field, message) {
  const element = $(`${field}-error`);
  if (!element) return;
  element.textContent = message || "";
  element.hidden = !message;
  const input = { "accent-color": "accent-color", "footer-note": "footer-note", terms: "terms", "studio-key": "studio-key" }[field];
  if (input) $(input).setAttribute("aria-invalid", message ? "true" : "false");
}

function setStatus(key, values) {
  state.status = [key, values];
  const element = $("draft-state");
  element.textContent = t(key, values);
  element.classList.toggle("is-draft", key === "draftSaved" || key === "saving");
}

function renderDraftState() {
  const draft = state.draft;
  if (!draft) return;
  if (draft.hasDraft) {
    const time = draft.updatedAt ? new Date(draft.updatedAt).toLocaleTimeString(uiLocale(), { hour: "2-digit", minute: "2-digit" }) : "";
    setStatus("draftSaved", { time });
  } else {
    setStatus("noDraft", { version: draft.currentVersion });
  }
  $("discard").disabled = !draft.hasDraft;
}

const uiLocale = () => ({ ru: "ru-RU", ky: "ky-KG", en: "en-GB" })[state.ui];

// MARK: Previews

function clearCache() {
  for (const entry of state.cache.values()) URL.revokeObjectURL(entry.url);
  state.cache.clear();
}

function previewDPI() {
  // Sharp on this screen, in steps of 10 dpi so sizes reuse the server's cache.
  const width = $("paper").clientWidth || 600;
  const dpi = Math.ceil((width * (window.devicePixelRatio || 1)) / 8.27 / 10) * 10;
  return Math.min(Math.max(dpi, 60), 160);
}

/** One page of a template under the draft, as an object URL; cached by template version (server),
 * draft fingerprint, language, page and resolution. */
async function fetchPreview(template, page, dpi, signal) {
  const key = [state.brand, template, state.draft.fingerprint, state.locale, page, dpi].join("|");
  const cached = state.cache.get(key);
  if (cached) {
    state.cache.delete(key);
    state.cache.set(key, cached);   // most recently used last
    return cached;
  }
  const response = await api("POST", `/v1/previews?page=${page}&dpi=${dpi}`, {
    json: { template, locale: state.locale, brand: state.brand, draft: true, sample: true },
    accept: "image/png",
    signal,
  });
  const entry = { url: URL.createObjectURL(await response.blob()), pages: Number(response.headers.get("X-Document-Pages")) || 1 };
  state.cache.set(key, entry);
  while (state.cache.size > CACHE_LIMIT) {
    const [oldestKey, oldest] = state.cache.entries().next().value;
    if (oldest.url === $("preview-image").getAttribute("src")) break;
    URL.revokeObjectURL(oldest.url);
    state.cache.delete(oldestKey);
  }
  return entry;
}

function refreshPreviews() {
  showPreview();
  clearTimeout(state.thumbTimer);
  state.thumbTimer = setTimeout(refreshThumbnails, THUMBNAIL_DELAY_MS);
}

/** Shows the current page. A newer call wins: older answers are dropped (and their requests
 * aborted), and the old picture stays until the new one is decoded, so nothing flashes white. */
async function showPreview() {
  if (!state.draft) return;
  const seq = ++state.previewSeq;
  state.previewAbort?.abort();
  const abort = new AbortController();
  state.previewAbort = abort;
  const paper = $("paper");
  paper.setAttribute("aria-busy", "true");
  try {
    const entry = await fetchPreview(state.template, state.page, previewDPI(), abort.signal);
    if (seq !== state.previewSeq) return;
    const loader = new Image();
    loader.src = entry.url;
    await loader.decode();
    if (seq !== state.previewSeq) return;
    const image = $("preview-image");
    image.src = entry.url;
    image.dataset.template = state.template;
    image.dataset.fingerprint = state.draft.fingerprint;
    image.dataset.locale = state.locale;
    state.pages = entry.pages;
    if (state.page > state.pages) state.page = state.pages;
    renderViewerTitle();
    setFieldError("preview", null);
  } catch (error) {
    if (seq === state.previewSeq && error?.name !== "AbortError") showErrors(error, "preview");
  } finally {
    if (seq === state.previewSeq) paper.setAttribute("aria-busy", "false");
  }
}

function renderViewerTitle() {
  const name = t(`templateNames.${state.template}`);
  $("viewer-title").textContent = name;
  $("preview-image").alt = t("previewAlt", { name, page: state.page, pages: state.pages });
  $("page-label").textContent = `${state.page} / ${state.pages}`;
  $("page-previous").disabled = state.page <= 1;
  $("page-next").disabled = state.page >= state.pages;
}

function renderThumbnails() {
  const list = $("thumbnails");
  list.replaceChildren(...TEMPLATES.map((template) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "thumbnail";
    button.dataset.testid = "template-thumbnail";
    button.setAttribute("data-testid", "template-thumbnail");
    button.dataset.template = template;
    const image = document.createElement("img");
    image.alt = "";
    image.width = 64;
    image.height = 90;
    const label = document.createElement("span");
    button.append(image, label);
    button.addEventListener("click", () => selectTemplate(template));
    item.append(button);
    return item;
  }));
  renderThumbnailLabels();
}

function renderThumbnailLabels() {
  for (const button of document.querySelectorAll(".thumbnail")) {
    const name = t(`templateNames.${button.dataset.template}`);
    button.querySelector("span").textContent = name;
    button.setAttribute("aria-label", t("thumbnailLabel", { name }));
    button.setAttribute("aria-current", String(button.dataset.template === state.template));
  }
}

/** Page 1 of every template, two at a time (the server renders two at once on two cores). */
async function refreshThumbnails() {
  if (!state.draft) return;
  const seq = ++state.thumbSeq;
  const queue = [...document.querySelectorAll(".thumbnail")];
  const worker = async () => {
    while (queue.length) {
      const button = queue.shift();
      try {
        const entry = await fetchPreview(button.dataset.template, 1, THUMBNAIL_DPI);
        if (seq !== state.thumbSeq) return;
        const image = button.querySelector("img");
        image.src = entry.url;
        image.dataset.fingerprint = state.draft.fingerprint;
      } catch (error) {
        if (seq !== state.thumbSeq) return;
        showErrors(error, "preview");
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

function selectTemplate(template) {
  state.template = template;
  state.page = 1;
  renderThumbnailLabels();
  renderViewerTitle();
  showPreview();
}

async function downloadPDF() {
  try {
    const response = await api("POST", "/v1/previews", {
      json: { template: state.template, locale: state.locale, brand: state.brand, draft: true, sample: true },
      accept: "application/pdf",
    });
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = `${state.brand}-${state.template}-${state.locale}.pdf`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    showErrors(error, "preview");
  }
}

// MARK: Images and the signature pad

function renderImages() {
  for (const field of document.querySelectorAll(".image-field")) {
    const role = field.dataset.role;
    const image = field.querySelector("[data-image-preview]");
    const present = Boolean(state.draft.images[role]);
    if (present) {
      const src = `${brandPath(`/draft/images/${role}`)}?v=${encodeURIComponent(state.draft.fingerprint)}`;
      if (image.getAttribute("src") !== src) image.src = src;
      image.alt = t(role === "logo" ? "uploadLogo" : role === "stamp" ? "uploadStamp" : "uploadSignature").replace(/^\S+\s/, "");
    } else {
      image.removeAttribute("src");
    }
    field.querySelector("[data-remove]").disabled = !present;
  }
}

async function uploadImage(role, file) {
  setFieldError(role, null);
  if (!file) return;
  if (file.size > LIMITS.uploadBytes) {
    setFieldError(role, t("fileTooLarge", { size: megabytes(file.size), max: megabytes(LIMITS.uploadBytes) }));
    return;
  }
  await flushSave();
  try {
    const response = await api("PUT", brandPath(`/draft/images/${role}`), {
      body: file, headers: { "Content-Type": file.type || "application/octet-stream" },
    });
    showDraft(await response.json(), { keepEdits: true });
  } catch (error) {
    showErrors(error, role);
    // Whatever the server said about the file belongs beside this upload.
    if (error instanceof ApiError && error.body.errors?.some((problem) => fieldOf(problem.field) !== role)) {
      setFieldError(role, explain(error.body.errors[0], error.status));
    }
  }
}

async function removeImage(role) {
  setFieldError(role, null);
  await flushSave();
  try {
    showDraft(await (await api("DELETE", brandPath(`/draft/images/${role}`))).json(), { keepEdits: true });
  } catch (error) {
    showErrors(error, role);
  }
}

const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const pad = { strokes: [], current: null, startedAt: 0 };

function wirePad() {
  const canvas = $("signature-pad");
  const context = canvas.getContext("2d");
  context.lineCap = "round";
  context.lineJoin = "round";
  context.lineWidth = 2.6;
  context.strokeStyle = "#1d2330";
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * PAD.width) / box.width;
    const y = ((event.clientY - box.top) * PAD.height) / box.height;
    if (!pad.startedAt) pad.startedAt = event.timeStamp;
    const sample = [round(x), round(y), Math.max(0, Math.round(event.timeStamp - pad.startedAt))];
    // A mouse reports 0.5 while pressed: no real pressure, so none is sent.
    if (event.pointerType === "pen" || (event.pointerType === "touch" && event.pressure > 0 && event.pressure !== 0.5)) {
      sample.push(round(event.pressure));
    }
    return sample;
  };
  const draw = (from, to) => {
    context.beginPath();
    context.moveTo(from[0], from[1]);
    context.lineTo(to[0], to[1]);
    context.stroke();
  };
  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    pad.current = [point(event)];
    pad.strokes.push({ points: pad.current });
    draw(pad.current[0], pad.current[0]);
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!pad.current) return;
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    for (const each of events.length ? events : [event]) {
      const next = point(each);
      draw(pad.current[pad.current.length - 1], next);
      pad.current.push(next);
    }
  });
  const end = () => { pad.current = null; };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  $("pad-clear").addEventListener("click", () => clearPad(context));
  $("pad-save").addEventListener("click", () => saveSignature(context));
}

const round = (value) => Math.round(value * 100) / 100;

function clearPad(context) {
  pad.strokes = [];
  pad.current = null;
  pad.startedAt = 0;
  context.clearRect(0, 0, PAD.width, PAD.height);
}

async function saveSignature(context) {
  setFieldError("signature", null);
  if (!pad.strokes.length) {
    setFieldError("signature", t("signatureEmpty"));
    return;
  }
  const capture = {
    canvas: { width: PAD.width, height: PAD.height },
    strokes: pad.strokes,
    capturedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    device: "DocEngine studio",
  };
  await flushSave();
  try {
    const response = await api("PUT", brandPath("/draft/images/signature"), { json: capture });
    showDraft(await response.json(), { keepEdits: true });
    clearPad(context);
  } catch (error) {
    showErrors(error, "signature");
  }
}

// MARK: Publish, discard, versions

async function publish() {
  setFieldError("publish", null);
  await flushSave();
  try {
    const response = await api("POST", brandPath("/draft/publish"));
    const published = await response.json();
    await reloadBrand();
    setStatus(response.status === 201 ? "published" : "unchanged", { version: published.version });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) setFieldError("publish", t("nothingToPublish"));
    else showErrors(error, "publish");
  }
}

async function discard() {
  const button = $("discard");
  // Two presses within a few seconds: a draft is not lost to a stray click.
  if (!state.discardArmed) {
    state.discardArmed = setTimeout(() => { state.discardArmed = 0; button.textContent = t("discardDraft"); }, 4000);
    button.textContent = `${t("discardDraft")}?`;
    return;
  }
  clearTimeout(state.discardArmed);
  state.discardArmed = 0;
  button.textContent = t("discardDraft");
  clearTimeout(state.saveTimer);
  state.pending = {};
  try {
    const response = await api("DELETE", brandPath("/draft"));
    for (const field of ["accent-color", "footer-note", "terms", "logo", "stamp", "signature", "publish"]) setFieldError(field, null);
    showDraft(await response.json());
    setStatus("discarded");
  } catch (error) {
    showErrors(error, "publish");
  }
}

function renderVersions() {
  const list = $("version-list");
  const versions = [...(state.details?.versions || [])].reverse();
  const when = new Intl.DateTimeFormat(uiLocale(), { dateStyle: "medium", timeStyle: "short" });
  list.replaceChildren(...versions.map((version) => {
    const item = document.createElement("li");
    item.classList.toggle("is-current", version.version === state.details.version);
    const number = document.createElement("strong");
    number.textContent = `v${version.version}`;
    const date = document.createElement("span");
    date.className = "when";
    date.textContent = when.format(new Date(version.createdAt)) + (version.version === state.details.version ? ` · ${t("current")}` : "");
    const who = document.createElement("span");
    who.className = "who";
    const author = version.publishedBy;
    who.textContent = author ? `${author.tenant} (${t(`versionWho.${author.role}`)}) · ${t(`versionVia.${author.via}`)}` : t("versionSeed");
    item.append(number, date, who);
    return item;
  }));
}

function renderIdentity() {
  const identity = state.draft?.identity || {};
  const rows = [["legalName", identity.legalName], ["inn", identity.inn], ["address", identity.address], ["numberPrefix", identity.numberPrefix]];
  $("identity-list").replaceChildren(...rows.filter(([, value]) => value).flatMap(([key, value]) => {
    const term = document.createElement("dt");
    term.textContent = t(key);
    const detail = document.createElement("dd");
    detail.textContent = value;
    return [term, detail];
  }));
}

// MARK: Wiring

function wireControls() {
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  for (const button of document.querySelectorAll("[data-ui-language]")) {
    button.addEventListener("click", () => {
      state.ui = button.dataset.uiLanguage;
      localStorage.setItem("studio.ui", state.ui);
      if (state.draft && state.locale !== state.ui) {
        $("locale").value = state.ui;
        changeLocale(state.ui);
      }
      applyLanguage();
    });
  }
  $("brand-picker").addEventListener("change", (event) => openBrand(event.target.value));
  $("locale").addEventListener("change", (event) => changeLocale(event.target.value));
  $("accent-color").addEventListener("input", (event) => onAccentInput(event.target.value));
  $("accent-color").addEventListener("change", (event) => onAccentInput(event.target.value));
  $("accent-picker").addEventListener("input", (event) => {
    $("accent-color").value = event.target.value.toUpperCase();
    onAccentInput(event.target.value);
  });
  $("footer-note").addEventListener("input", () => onTextInput("footerNote", "footer-note"));
  $("terms").addEventListener("input", () => onTextInput("terms", "terms"));
  $("page-previous").addEventListener("click", () => turnPage(-1));
  $("page-next").addEventListener("click", () => turnPage(1));
  $("paper").addEventListener("keydown", (event) => {
    if (event.key === "PageDown" || event.key === "ArrowRight") turnPage(1);
    if (event.key === "PageUp" || event.key === "ArrowLeft") turnPage(-1);
  });
  $("download-pdf").addEventListener("click", downloadPDF);
  for (const role of ["logo", "stamp", "signature"]) {
    const input = $(`${role}-file`);
    input.addEventListener("change", async () => {
      await uploadImage(role, input.files[0]);
      input.value = "";
    });
  }
  for (const button of document.querySelectorAll("[data-remove]")) {
    button.addEventListener("click", () => removeImage(button.dataset.remove));
  }
  $("publish").addEventListener("click", publish);
  $("discard").addEventListener("click", discard);
  wirePad();
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => state.draft && showPreview(), 250);
  });
}

async function changeLocale(locale) {
  // Texts typed in the old language are saved before the fields switch to the new one.
  await flushSave();
  state.locale = locale;
  for (const field of ["footer-note", "terms"]) setFieldError(field, null);
  for (const tag of document.querySelectorAll("[data-lang-tag]")) tag.textContent = t(`languageTag.${locale}`);
  if (state.draft) {
    fillForm();
    refreshPreviews();
  }
}

function turnPage(step) {
  const page = Math.min(Math.max(state.page + step, 1), state.pages);
  if (page === state.page) return;
  state.page = page;
  renderViewerTitle();
  showPreview();
}

boot();
