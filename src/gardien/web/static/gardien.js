// Gardien's only script of its own. Everything works without JavaScript (htmx only spares a page reload); this
// adds what a person expects: copy buttons, a « working… » message on slow actions, the chosen file's name.
// Loaded from a file because the Content-Security-Policy forbids inline scripts.
document.addEventListener("click", async (event) => {
  if (event.target.closest("button[data-back]")) { history.back(); return; }
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const text = "value" in source ? source.value : source.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    source.select?.();  // clipboard refused (older browser): select it so Ctrl+C works
    document.execCommand?.("copy");
  }
  const status = document.getElementById(button.dataset.copy + "-statut");
  if (status) status.textContent = "Copié. Collez-le avec Ctrl+V (ou Cmd+V sur Mac).";
});

// A form with data-working="…" takes a while: say so, and do not send it twice.
function setWorking(form, busy) {
  form.dataset.busy = busy ? "1" : "";
  const status = form.querySelector(".working");
  if (status) status.textContent = busy ? form.dataset.working : "";
  for (const button of form.querySelectorAll("button[type=submit]")) {
    if (busy) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }
}
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-working]");
  if (!form) return;
  if (form.dataset.busy === "1") { event.preventDefault(); return; }
  setWorking(form, true);
});
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.target.closest?.("form[data-working]");
  if (form) setWorking(form, false);
});
window.addEventListener("pageshow", () => document.querySelectorAll("form[data-working]").forEach((f) => setWorking(f, false)));

// Our French file button: show the chosen files' names.
document.addEventListener("change", (event) => {
  const input = event.target.closest(".file-input input[type=file]");
  if (!input) return;
  const shown = document.getElementById(input.id + "-choisi");
  const names = [...(input.files || [])].map((file) => file.name);
  if (!shown) return;
  if (names.length > 1) shown.textContent = `Fichiers choisis : ${names.join(", ")}`;
  else shown.textContent = names.length ? `Fichier choisi : ${names[0]}` : "Aucun fichier choisi.";
});

// The frame of our file button also takes a file dropped on it, as if chosen with the button. A file dropped
// anywhere else on the page is ignored: the browser would open it in Gardien's place (walkthrough, round 15).
const carriesFiles = (event) => [...(event.dataTransfer?.types || [])].includes("Files");
const dropZone = (event) => event.target.closest?.(".file-input") || null;
const markDropZone = (zone) => document.querySelectorAll(".file-input").forEach((z) => z.classList.toggle("drop-here", z === zone));
document.addEventListener("dragover", (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  const zone = dropZone(event);
  event.dataTransfer.dropEffect = zone ? "copy" : "none";
  markDropZone(zone);
});
document.addEventListener("dragleave", (event) => { if (!event.relatedTarget) markDropZone(null); });
document.addEventListener("drop", (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  const zone = dropZone(event);
  markDropZone(null);
  if (!zone) return;
  const input = zone.querySelector("input[type=file]");
  const kept = new DataTransfer();  // one file only where the button takes one
  [...event.dataTransfer.files].slice(0, input.multiple ? undefined : 1).forEach((file) => kept.items.add(file));
  input.files = kept.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
});

// A form sent the ordinary way that Gardien refuses: the refusal page's « Revenir en arrière » brings the form
// back with what was typed (Gardien's pages are never cached, so the browser would show it empty). The values wait
// in this tab's sessionStorage only from the sending to the next page — or to the way back from a refusal —, and
// never a password or a file.
const KEPT = "gardien-saisie";
const TYPED = (e) => e.name && !["password", "file", "hidden", "submit", "button", "reset"].includes(e.type);
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.method !== "post" || form.hasAttribute("hx-post")) return;
  const fields = [...form.elements].filter(TYPED);
  if (!fields.some((e) => e.tagName === "TEXTAREA" || ["text", "search", "date", "email", "number"].includes(e.type))) return;
  const values = fields.map((e) => (e.type === "checkbox" || e.type === "radio" ? e.checked : e.value));
  const where = [...document.forms].indexOf(form);
  sessionStorage.setItem(KEPT, JSON.stringify({ page: location.pathname + location.search, where, values }));
});
document.addEventListener("DOMContentLoaded", () => {
  const saved = JSON.parse(sessionStorage.getItem(KEPT) || "null");
  if (!saved || document.querySelector("[data-back]")) return;  // on the refusal page: kept for the way back
  sessionStorage.removeItem(KEPT);
  const arrival = performance.getEntriesByType("navigation")[0];
  const form = document.forms[saved.where];
  if (!form || saved.page !== location.pathname + location.search || !arrival || arrival.type !== "back_forward") return;
  const fields = [...form.elements].filter(TYPED);
  if (fields.length !== saved.values.length) return;  // the page changed meanwhile: better empty than mixed up
  fields.forEach((e, i) => {
    if (e.type === "checkbox" || e.type === "radio") e.checked = saved.values[i];
    else e.value = saved.values[i];
  });
});

// A link to a folded section (<details>), « Fermez le mode urgence » for one: open it, else the page scrolls to a
// closed title and what the link promised stays hidden. Also when the page is reached with that #address.
function openTarget(hash) {
  const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  const folded = target?.closest("details");
  if (folded) folded.open = true;
}
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[href^='#']");
  if (link) openTarget(link.hash);
});
window.addEventListener("hashchange", () => openTarget(location.hash));
document.addEventListener("DOMContentLoaded", () => openTarget(location.hash));
