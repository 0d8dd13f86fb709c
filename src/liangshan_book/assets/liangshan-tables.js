// Interactive tables of the HTML book: the register (Appendix A) and the audit (Appendix B)
// can be searched, sorted and filtered in the page, offline. DataTables comes from the itables
// package pinned in requirements.lock and is copied into the book (liangshan_book.tables).
// Every row stays in the page (no paging), so the anchors of register rows keep working.
// Each table's caption is moved above its scrolling box (so that a phone shows it whole), the
// table scrolls inside a box of at most a screen's height under a sticky header row, and the
// row a link points at (#fact-...) is brought into view once the table is built (the CSS
// highlights it).
import { ITable } from "./vendor/datatables/dt_bundle.js";

// Columns offered as filters (panes of distinct values), by the table's class.
const FILTERS = {
  "fact-register": ["Section", "Place", "Unit", "Hedge"],
  "audit-table": ["Kind", "Verdict"],
};

// The filter panes' own search boxes carry only a placeholder: label each with the visible
// heading of the column it filters (the table's header cell, given an id for the purpose).
// Watched from before the tables are built, and run once more after, so that a box made
// before the observer starts is labelled too (a race a loaded machine loses).
function labelPaneInputs() {
  for (const input of document.querySelectorAll(
      "div.dtsp-searchPane input:not([aria-labelledby])")) {
    const table = input.closest("div.dt-container")?.parentElement
      ?.querySelector("table.interactive-table") ||
      document.querySelector("table.interactive-table");
    const th = [...table.querySelectorAll("thead th")]
      .find((h) => h.textContent.trim() === input.placeholder);
    if (!th) continue;
    th.id ||= `${table.id || "interactive-table"}-heading-${th.cellIndex}`;
    input.setAttribute("aria-labelledby", th.id);
    input.removeAttribute("title");
  }
}
new MutationObserver(labelPaneInputs).observe(document.body, { childList: true, subtree: true });

// The caption, moved out of the table to just before the box that scrolls sideways; the
// table keeps its name for assistive technology (aria-labelledby).
function captionOutside(table) {
  const caption = table.querySelector(":scope > caption");
  if (!caption) return;
  const box = table.closest("div.pst-scrollable-table-container") ||
    table.closest("div.dt-container") || table;
  const title = document.createElement("p");
  title.className = "interactive-table-caption";
  title.id = `${table.id || "interactive-table"}-caption`;
  title.append(...caption.childNodes);
  caption.remove();
  box.before(title);
  table.setAttribute("aria-labelledby", title.id);
}

// One line of help above the filters, naming the table's own filter columns.
function helpLine(table, filters) {
  const box = table.closest("div.dt-container");
  if (!box) return;
  const help = document.createElement("p");
  help.className = "interactive-table-help";
  const filter = filters.length ? `; "Open the filters" to keep only some values of ` +
    `${filters.slice(0, -1).join(", ")} or ${filters.at(-1)} (in a pane, Aa and # sort its ` +
    "values by name or by number of rows)" : "";
  help.textContent = "Type in the search box to keep the rows with that word; click a column's " +
    `heading to sort by it${filter}.`;
  box.before(help);
}

// The row named by the address's #fragment, in view (the page moved when the table was built).
function showTargetRow() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  const row = target?.closest("table.interactive-table tbody tr");
  if (row) row.scrollIntoView({ block: "center" });
}
window.addEventListener("hashchange", showTargetRow);

for (const table of document.querySelectorAll("table.interactive-table")) {
  // headings as plain text (docutils wraps them in paragraphs, which filter panes would show)
  for (const th of table.querySelectorAll("thead th")) th.textContent = th.textContent.trim();
  const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  const kind = Object.keys(FILTERS).find((c) => table.classList.contains(c));
  const panes = (FILTERS[kind] || []).map((h) => headers.indexOf(h)).filter((i) => i >= 0);
  new ITable(table, {
    paging: false,
    order: [],
    autoWidth: false,
    language: {
      search: "Search the table:",
      searchPanes: {
        title: { _: "%d filters in use", 0: "No filter in use", 1: "One filter in use" },
        showMessage: "Open the filters",
        collapseMessage: "Close the filters",
        clearMessage: "Clear the filters",
      },
    },
    layout: {
      top1: panes.length ? "searchPanes" : null,
      topStart: "info",
      topEnd: "search",
      bottomStart: null,
      bottomEnd: null,
    },
    searchPanes: { columns: panes, initCollapsed: true, cascadePanes: true,
                   layout: `columns-${Math.min(panes.length, 4)}` },
  });
  captionOutside(table);
  helpLine(table, panes.map((i) => headers[i]));
}
labelPaneInputs();
showTargetRow();
// the browser's own jump to the fragment may come after the table is built: once more after
window.addEventListener("load", () => requestAnimationFrame(showTargetRow));
