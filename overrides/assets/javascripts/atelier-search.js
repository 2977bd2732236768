// Atelier: client-side search over the Pagefind bundles (one bundle per language, which may
// come in several parts on a large site: see loadBundles).
//
// The server renders a plain GET form (query + facet checkboxes) that works without
// JavaScript; this module only enhances it: results appear as you type, facet counts follow
// the current search, and the state stays in the address so a view can be bookmarked or sent.
//
// Why one bundle per language: each Pagefind index stems words with its own language's
// stemmer. Each bundle is loaded with its own dynamic import(): distinct URLs give distinct
// module instances, and each one finds the only language index of its bundle by itself.
//
// Safety: nothing coming from the index is ever inserted as HTML. Titles, summaries and
// URLs go through textContent / href; Pagefind's excerpt (page text with "<" and ">"
// escaped, plus <mark> around the hits) is split on <mark>/</mark> and rebuilt from text
// nodes.

const PAGE_SIZE = 10; // results rendered at once, and added by the "more" button
const DEBOUNCE_MS = 200; // wait for a pause in typing before searching
const LOADING_DELAY_MS = 300; // announce "loading" only when a search is actually slow
const EXCERPT_LENGTH = 24; // words around the hits

// Used only when the page lacks #atelier-search-strings (the template always renders it).
const DEFAULT_STRINGS = {
  foundOne: "1 résultat",
  foundMany: "{n} résultats",
  workshop: "Atelier",
  none: "Aucune fiche ne correspond. Retirez un filtre ou essayez un autre mot.",
  prompt: "Tapez un mot ou choisissez un filtre.",
  more: "Plus de résultats",
  loading: "Recherche…",
  error: "La recherche n'a pas pu se charger.",
};

// ---------------------------------------------------------------------------------------
// Loading the bundles

/** Reads pagefind/languages.json and imports every bundle it lists, in its order.
 *  Resolves to {bundles: [{lang, pf, totals}], failed: number}; a bundle that fails to load is
 *  counted in `failed` and left out, so the others still answer. */
async function loadBundles(pagefindBase, siteRoot) {
  let listed;
  try {
    const response = await fetch(new URL("languages.json", pagefindBase));
    if (!response.ok) throw new Error(`languages.json: HTTP ${response.status}`);
    listed = (await response.json()).bundles;
    if (!Array.isArray(listed) || listed.length === 0) throw new Error("languages.json lists no bundle");
  } catch (error) {
    console.error("Atelier search:", error);
    return { bundles: [], failed: 1 };
  }
  const settled = await Promise.allSettled(
    listed.map(async ({ lang, path, more, skip, order }) => {
      const folder = (p) => {
        const url = new URL(String(p).replace(/\/?$/, "/"), pagefindBase);
        // Only bundles of this site: languages.json is ours, but a URL is cheap to check.
        if (url.origin !== pagefindBase.origin) throw new Error(`bundle outside the site: ${url}`);
        return url;
      };
      const base = folder(path);
      const pf = await import(new URL("pagefind.js", base).href);
      // baseUrl: Pagefind prefixes every indexed URL with it. Giving the site root's path
      // (rather than letting Pagefind guess it from the bundle's address) keeps result links
      // right when the site lives in a sub-folder, such as a GitHub Pages project site.
      // noWorker: one script less to fetch; the search itself is small work.
      const options = { excerptLength: EXCERPT_LENGTH, baseUrl: siteRoot.pathname, noWorker: true };
      await pf.options(options);
      // A large site is indexed in parts, newest sheets first (search_parts.py): the others
      // are merged into this one (Pagefind keeps them in the order of these calls);
      // they share its code, so no second WebAssembly. Pagefind warns that `noWorker` is not
      // one of its merge options, but obeys it.
      const extras = Array.isArray(more) ? more.map(folder) : [];
      await Promise.all(extras.map((url) => pf.mergeIndex(url.href, options)));
      // Facet data (every filter's lists) is the largest part of an index at scale: it is
      // fetched only when the reader turns to the facets (see loadFacets), so a first
      // search downloads the code, the query's index chunk and the shown results only.
      // `skip`: each part's page of the words only the others hold (search_parts.py), so
      // that every part knows every word of the site; it is never a result.
      // `order`: the ids of the bundle's pages, newest first, fetched when first needed.
      const ranks = order ? new URL(String(order), pagefindBase) : null;
      if (ranks && ranks.origin !== pagefindBase.origin) throw new Error(`order outside the site: ${ranks}`);
      return { lang: String(lang), pf, totals: null, skip: new Set(Array.isArray(skip) ? skip : []), ranks };
    }),
  );
  const bundles = [];
  for (const outcome of settled) {
    if (outcome.status === "fulfilled") bundles.push(outcome.value);
    else console.error("Atelier search: a bundle failed to load:", outcome.reason);
  }
  return { bundles, failed: settled.length - bundles.length };
}

/** Counts of every bundle added up: [{facet: {value: n}}] -> {facet: {value: n}}. */
function sumCounts(list) {
  const total = {};
  for (const counts of list) {
    for (const [facet, values] of Object.entries(counts ?? {})) {
      const into = (total[facet] ??= {});
      for (const [value, n] of Object.entries(values ?? {})) into[value] = (into[value] ?? 0) + n;
    }
  }
  return total;
}

/** One bundle's answer: its results, and counts for every facet value.
 *  Values of one facet are OR'ed, so the count shown beside a value should say how many
 *  sheets that facet would give if the value were ticked too. Pagefind's own counts are
 *  those of the current result set (ticking 4e would show Sec. 2 as "the 4e sheets that are
 *  also Sec. 2"), so each facet that has a selection is counted again with the other facets'
 *  filters only. That is one more search per such facet; the index chunks are already
 *  loaded, and no result data is fetched for these. */
/** The English base form of a query's last word, when it has an inflection the French
 *  stemmer of the index leaves alone ("working" -> "work", "studies" -> "stud"): Pagefind
 *  matches the last word as a prefix, so the base form finds every inflected form. */
function englishBase(term) {
  const match = /^(.*?)([a-z]{3,}?)(ies|ied|ing|ed|es|s|ly)$/i.exec(term ?? "");
  return match && match[2].length >= 3 ? `${match[1]}${match[2]}` : null;
}

/** Merges two answers of one bundle: every result once, with its best score. */
function mergeAnswers(first, second) {
  const byId = new Map(first.results.map((r) => [r.id, r]));
  for (const r of second.results) {
    const known = byId.get(r.id);
    if (!known || r.score > known.score) byId.set(r.id, r);
  }
  return { ...first, results: [...byId.values()].sort((a, b) => b.score - a.score) };
}

/** A bundle's page ids -> their place, newest first (its `order` file, fetched once). Without
 *  it (not listed, or not loaded), results keep Pagefind's order: still every result. */
function newestFirst(bundle) {
  bundle.rankPromise ??= (async () => {
    if (!bundle.ranks) return new Map();
    try {
      const response = await fetch(bundle.ranks);
      if (!response.ok) throw new Error(`${bundle.ranks}: HTTP ${response.status}`);
      const ids = await response.json();
      return new Map((Array.isArray(ids) ? ids : []).map((id, place) => [id, place]));
    } catch (error) {
      console.error("Atelier search: the order of the sheets could not be loaded:", error);
      bundle.rankPromise = null; // asked again by the next search
      return new Map();
    }
  })();
  return bundle.rankPromise;
}

async function searchBundle(bundle, term, filters) {
  const { pf, skip } = bundle;
  let main = await pf.search(term, { filters });
  const base = englishBase(term);
  if (base) main = mergeAnswers(main, await pf.search(base, { filters }));
  // A large site's index comes in parts, each with a page of words that is never a result.
  if (skip.size > 0) main = { ...main, results: main.results.filter((r) => !skip.has(r.id)) };
  if (term === null) {
    // Browsing by filters only: the newest sheets first, in the site's order (search_parts.py).
    const place = await newestFirst(bundle);
    const at = (r) => place.get(r.id) ?? place.size;
    main = { ...main, results: [...main.results].sort((a, b) => at(a) - at(b)) };
  }
  const counts = { ...main.filters };
  await Promise.all(
    Object.keys(filters).map(async (facet) => {
      const others = { ...filters };
      delete others[facet];
      const without = await pf.search(term, { filters: others });
      counts[facet] = without.filters?.[facet] ?? {};
    }),
  );
  return { results: main.results, counts };
}

// ---------------------------------------------------------------------------------------
// Rendering

/** Pagefind escapes "<" and ">" of the page text (and may escape more in later versions):
 *  undo those few entities in one pass, since the pieces go in as text, not HTML. */
const ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };
const decodeEntities = (text) => text.replace(/&(?:lt|gt|amp|quot|#39|#x27);/g, (e) => ENTITIES[e]);

/** Appends Pagefind's excerpt to `parent` as text nodes and <mark> elements. */
function appendExcerpt(parent, excerpt) {
  let marked = false;
  for (const piece of String(excerpt).split(/(<\/?mark>)/)) {
    if (piece === "<mark>") marked = true;
    else if (piece === "</mark>") marked = false;
    else if (piece && marked) parent.append(Object.assign(document.createElement("mark"), { textContent: decodeEntities(piece) }));
    else if (piece) parent.append(decodeEntities(piece)); // a string becomes a text node
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** One result: <li lang><h2><a></h2><p meta><p summary><p excerpt></li>; a workshop's meta
 *  line starts with `workshopLabel`. */
function renderResult(data, lang, siteRoot, withExcerpt, workshopLabel) {
  const meta = data.meta ?? {};
  const item = element("li", "atelier-result");
  item.lang = lang;
  const title = element("h2", "atelier-result__title");
  const link = document.createElement("a");
  link.textContent = meta.title || data.url;
  // URLs are indexed relative to the site root; Pagefind returns them prefixed with
  // baseUrl (the root's path). Resolving against the root handles both shapes.
  const href = new URL(data.url, siteRoot);
  if (href.protocol === "http:" || href.protocol === "https:") link.href = href.href;
  title.append(link);
  item.append(title);
  // A workshop (a practice-sharing session) is said to be one: results are mostly sheets.
  const kind = meta.type === "workshop" ? workshopLabel : "";
  const line = [kind, meta.levels, meta.date].filter(Boolean).join(" · ");
  if (line) item.append(element("p", "atelier-result__meta", line));
  if (meta.summary) item.append(element("p", "atelier-result__summary", meta.summary));
  // Browsing by filters only has no hit to show: the excerpt would just repeat the
  // sheet's opening lines, so it is left out then.
  if (withExcerpt && data.excerpt) {
    const excerpt = element("p", "atelier-result__excerpt");
    appendExcerpt(excerpt, data.excerpt);
    item.append(excerpt);
  }
  return item;
}

// ---------------------------------------------------------------------------------------
// The page

function start() {
  const form = document.getElementById("atelier-search");
  const input = document.getElementById("atelier-search-q");
  const status = document.getElementById("atelier-search-status");
  const list = document.getElementById("atelier-search-results");
  const more = document.getElementById("atelier-search-more");
  if (!form || !input || !status || !list || !more) return; // not the search page

  const strings = { ...DEFAULT_STRINGS };
  const stringsNode = document.getElementById("atelier-search-strings");
  for (const key of Object.keys(strings)) {
    if (stringsNode?.dataset[key]) strings[key] = stringsNode.dataset[key];
  }
  more.textContent = strings.more;
  // Results are styled without list markers; Safari then stops announcing the list as a
  // list unless the role is explicit.
  list.setAttribute("role", "list");

  const pagefindBase = new URL(form.dataset.pagefind ?? "pagefind/", document.baseURI);
  if (!pagefindBase.pathname.endsWith("/")) pagefindBase.pathname += "/";
  const siteRoot = new URL("../", pagefindBase);

  const checkboxes = [...form.querySelectorAll('input[type="checkbox"]')];
  const facetLists = new Map(
    [...form.querySelectorAll("details[data-facet]")].map((details) => [details.dataset.facet, details.querySelector("ul")]),
  );
  const facetNames = new Set(facetLists.keys());
  const queryName = input.name || "q";
  // Count badges, found once: key "facet:value" (the value may itself hold a colon).
  const badges = [...form.querySelectorAll("[data-count]")].map((badge) => {
    const key = badge.dataset.count;
    const colon = key.indexOf(":");
    return { badge, facet: key.slice(0, colon), value: key.slice(colon + 1) };
  });

  // Bundles are loaded once; if none could be loaded (offline, say), the next search tries again.
  let bundlesPromise = null;
  const getBundles = () => (bundlesPromise ??= loadBundles(pagefindBase, siteRoot));

  // Pagefind counts only facets whose filter data is loaded, and filters() loads it all.
  // That happens the first time a facet is opened or ticked; until then the badges keep the
  // site-wide totals the server wrote, and are hidden while a query narrows the results.
  let facetsPromise = null;
  const facetsLoaded = () => facetsPromise !== null;
  function loadFacets() {
    facetsPromise ??= getBundles().then((loaded) =>
      Promise.all(loaded.bundles.map(async (bundle) => (bundle.totals = await bundle.pf.filters()))),
    );
    return facetsPromise;
  }

  // --- State <-> form <-> address -----------------------------------------------------

  /** {q, filters: {facet: [values]}} from the form, values in the order of the page. */
  function readForm() {
    const filters = {};
    for (const box of checkboxes) if (box.checked) (filters[box.name] ??= []).push(box.value);
    return { q: input.value, filters };
  }

  /** A checkbox for a value the page does not list (tags and communities show their most
   *  used values only): the visitor sees the filter and can untick it. Ids only (a slug). */
  function addValue(facet, value) {
    const list = facetLists.get(facet);
    if (!list || !/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,99}$/u.test(value)) return;
    const item = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = `f-${facet}-${value}`;
    box.name = facet;
    box.value = value;
    const label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = value;
    item.append(box, label);
    list.append(item);
    checkboxes.push(box);
  }

  /** Fills the form from the address. A value the page doesn't list gets a checkbox (see
   *  addValue); one that is not an id is dropped: the visitor could not see or untick it. */
  function restoreFromAddress() {
    const params = new URLSearchParams(location.search);
    input.value = params.get(queryName) ?? "";
    for (const facet of facetNames) {
      for (const value of params.getAll(facet)) {
        if (!checkboxes.some((box) => box.name === facet && box.value === value)) addValue(facet, value);
      }
    }
    for (const box of checkboxes) box.checked = params.getAll(box.name).includes(box.value);
    for (const details of form.querySelectorAll("details")) {
      if (details.querySelector('input[type="checkbox"]:checked')) details.open = true;
    }
  }

  function addressFor(state) {
    const url = new URL(location.href);
    const params = new URLSearchParams();
    if (state.q.trim()) params.set(queryName, state.q.trim());
    for (const [facet, values] of Object.entries(state.filters)) {
      for (const value of values) params.append(facet, value);
    }
    // Parameters that aren't ours (a campaign tag, say) are kept.
    for (const [key, value] of url.searchParams) {
      if (key !== queryName && !facetNames.has(key)) params.append(key, value);
    }
    url.search = params.toString();
    return url.href;
  }

  // History: typing and ticking replace the current entry, so the back button doesn't step
  // through every letter. A "committed" entry (the form was submitted, the visitor arrived
  // with a search in the address, or came back to an entry) is not overwritten: the next
  // change after it gets a new entry, so Back returns to it.
  let committed = location.search.length > 1;
  let shownSearch = location.search; // the query string the page shows
  function writeAddress(state, commit) {
    const href = addressFor(state);
    if (href !== location.href) {
      if (commit || committed) history.pushState(history.state, "", href);
      else history.replaceState(history.state, "", href);
    }
    committed = commit;
    shownSearch = location.search;
  }

  // --- Searching -------------------------------------------------------------------

  let generation = 0; // bumped by every search: an answer for an older one is dropped
  let view = null; // what the list shows: {generation, hits, withExcerpt, shown}

  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function foundText(n) {
    if (n === 0) return strings.none;
    return n === 1 ? strings.foundOne : strings.foundMany.replace("{n}", n.toLocaleString(document.documentElement.lang || undefined));
  }

  /** Sets every badge from the summed counts. A value that would give nothing is dimmed
   *  (aria-disabled on its <li>) but stays focusable and clickable, and a ticked value
   *  is never dimmed, so a visitor can always untick it. */
  function showCounts(counts) {
    if (!facetsLoaded()) {
      for (const { badge } of badges) badge.hidden = true;
      return;
    }
    for (const { badge, facet, value } of badges) {
      badge.hidden = false;
      const n = counts[facet]?.[value] ?? 0;
      badge.textContent = String(n);
      const item = badge.closest("li");
      const box = item?.querySelector('input[type="checkbox"]');
      if (!item) continue;
      if (n === 0 && !box?.checked) item.setAttribute("aria-disabled", "true");
      else item.removeAttribute("aria-disabled");
    }
  }

  /** Renders the next PAGE_SIZE hits of `current`; result data is fetched for these only. */
  async function renderNext(current, { replace = false, focus = false } = {}) {
    const slice = current.hits.slice(current.shown, current.shown + PAGE_SIZE);
    const data = await Promise.all(slice.map((hit) => hit.result.data()));
    // Drop the answer if a newer search started, or if the list was replaced meanwhile.
    if (current.generation !== generation || (!replace && current !== view)) return false;
    const items = data.map((d, i) => renderResult(d, slice[i].lang, siteRoot, current.withExcerpt, strings.workshop));
    if (replace) {
      // The new view takes over only now, so that "more" never mixes two searches.
      view = current;
      list.replaceChildren(...items);
    } else {
      list.append(...items);
    }
    current.shown += items.length;
    more.hidden = current.shown >= current.hits.length;
    // "More": put focus on the first new result, so keyboard and screen reader users go
    // on reading where the new results start.
    if (focus) items[0]?.querySelector("a")?.focus();
    return true;
  }

  async function search(state) {
    const myGeneration = ++generation;
    const isCurrent = () => myGeneration === generation;
    const slow = setTimeout(() => isCurrent() && setStatus(strings.loading), LOADING_DELAY_MS);
    try {
      const loaded = await getBundles();
      if (!isCurrent()) return;
      const term = state.q.trim() || null; // null + filters = browse by filters only
      const filtered = Object.keys(state.filters).length > 0;
      const filters = Object.fromEntries(Object.entries(state.filters).map(([f, values]) => [f, { any: values }]));

      const answers = await Promise.allSettled(
        loaded.bundles.map((bundle) =>
          term === null && !filtered ? { results: [], counts: bundle.totals } : searchBundle(bundle, term, filters),
        ),
      );
      if (!isCurrent()) return;

      // Merge by descending score. Array.prototype.sort is stable, so equal scores keep
      // the bundle order of languages.json, then Pagefind's order within a bundle.
      const hits = [];
      const counts = [];
      let failed = loaded.failed;
      answers.forEach((answer, i) => {
        if (answer.status === "rejected") {
          failed += 1;
          console.error("Atelier search: a bundle failed to answer:", answer.reason);
          return;
        }
        for (const result of answer.value.results) hits.push({ result, lang: loaded.bundles[i].lang });
        counts.push(answer.value.counts);
      });
      if (term !== null) hits.sort((a, b) => b.result.score - a.result.score); // else: newest first

      if (counts.length === 0) {
        // Nothing answered: say so, keep the form and the server's counts as they are.
        bundlesPromise = null;
        view = null;
        list.replaceChildren();
        more.hidden = true;
        setStatus(strings.error);
        return;
      }

      const next = { generation: myGeneration, hits, withExcerpt: term !== null, shown: 0 };
      if (term === null && !filtered) {
        view = next;
        list.replaceChildren();
        more.hidden = true;
      } else if (!(await renderNext(next, { replace: true }))) {
        return;
      }
      if (term === null && !filtered && !facetsLoaded()) {
        for (const { badge } of badges) badge.hidden = false; // the server's totals, still true
      } else {
        showCounts(sumCounts(counts));
      }
      const text = term === null && !filtered ? strings.prompt : foundText(hits.length);
      // A language that could not be searched is reported, so that "no result" isn't read
      // as "no sheet in that language".
      setStatus(failed > 0 ? `${text} ${strings.error}` : text);
    } catch (error) {
      if (!isCurrent()) return;
      console.error("Atelier search:", error);
      setStatus(strings.error);
    } finally {
      clearTimeout(slow);
    }
  }

  // --- Events ----------------------------------------------------------------------

  let typingTimer = 0;
  const cancelTyping = () => clearTimeout(typingTimer);

  async function update(commit) {
    cancelTyping();
    const state = readForm();
    writeAddress(state, commit);
    if (Object.keys(state.filters).length > 0) await loadFacets();
    search(state);
  }

  input.addEventListener("input", () => {
    cancelTyping();
    typingTimer = setTimeout(() => update(false), DEBOUNCE_MS);
  });

  form.addEventListener("change", (event) => {
    if (event.target.matches?.('input[type="checkbox"]')) update(false);
  });

  // Enter or the button: no reload (the form's GET would do the same search, slower), and
  // a history entry the visitor can come back to.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(true);
  });

  more.addEventListener("click", async () => {
    const current = view;
    // Ignored while a newer search is on its way (its results replace the list anyway),
    // and a double click loads one page, not two.
    if (!current || current.generation !== generation || more.dataset.busy) return;
    more.dataset.busy = "1";
    try {
      await renderNext(current, { focus: true });
    } catch (error) {
      console.error("Atelier search:", error);
      setStatus(strings.error);
    } finally {
      delete more.dataset.busy;
    }
  });

  window.addEventListener("popstate", () => {
    // An in-page anchor (Material's "skip to content", say) fires popstate too: same
    // search, nothing to redo, and the results already shown (with their "more" pages) stay.
    if (location.search === shownSearch) return;
    shownSearch = location.search;
    cancelTyping();
    restoreFromAddress();
    committed = true;
    search(readForm());
  });

  // Opening a facet fetches the facet data, then counts again for what is shown.
  form.addEventListener(
    "toggle",
    (event) => {
      if (event.target.open && !facetsLoaded()) loadFacets().then(() => search(readForm()));
    },
    true, // "toggle" does not bubble
  );

  restoreFromAddress();
  const initial = readForm();
  if (Object.keys(initial.filters).length > 0) loadFacets().then(() => search(initial));
  else search(initial);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();

export {};
