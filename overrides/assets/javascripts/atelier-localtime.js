// Progressive enhancement of a workshop's page: add the start and end in the reader's own time
// zone next to the workshop's. Without this script, the page shows the workshop's time only.
(() => {
  for (const time of document.querySelectorAll("time[data-atelier-start]")) {
    const start = new Date(time.dataset.atelierStart);
    const end = new Date(time.dataset.atelierEnd);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) continue;
    const lang = time.dataset.atelierLang || document.documentElement.lang || "fr";
    const day = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
    const hour = { hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const text = `${start.toLocaleDateString(lang, day)}, ${start.toLocaleTimeString(lang, hour)} – ${end.toLocaleTimeString(lang, hour)}${here ? ` (${here})` : ""}`;
    const box = time.parentElement.querySelector(".atelier-local-time");
    if (!box) continue;
    box.querySelector(".atelier-local-time__value").textContent = text;
    box.hidden = false;
  }
})();
