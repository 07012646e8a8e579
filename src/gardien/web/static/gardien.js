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

// Our French file button: show the chosen file's name.
document.addEventListener("change", (event) => {
  const input = event.target.closest(".file-input input[type=file]");
  if (!input) return;
  const shown = document.getElementById(input.id + "-choisi");
  const file = input.files && input.files[0];
  if (shown) shown.textContent = file ? `Fichier choisi : ${file.name}` : "Aucun fichier choisi.";
});

// A plain form with fields to type in is sent through htmx: if Gardien refuses it, the reason appears just above
// its buttons and everything typed stays (the browser would not give it back after a separate error page).
function sendThroughHtmx(form, index) {
  if (form.method !== "post" || form.hasAttribute("hx-post") || !window.htmx) return;
  if (!form.querySelector("input[type=text], input[type=password], input:not([type]), textarea")) return;
  const problem = document.createElement("div");
  problem.id = `probleme-formulaire-${index}`;
  problem.setAttribute("aria-live", "polite");
  (form.querySelector(".actions") || form.lastElementChild).before(problem);
  form.setAttribute("hx-post", form.getAttribute("action"));
  form.setAttribute("hx-target", `#${problem.id}`);
  window.htmx.process(form);
}
document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("form").forEach(sendThroughHtmx));
