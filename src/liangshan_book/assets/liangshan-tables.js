// Interactive tables of the HTML book: the register (Appendix A) and the audit (Appendix B)
// can be searched, sorted and filtered in the page, offline. DataTables comes from the itables
// package pinned in requirements.lock and is copied into the book (liangshan_book.tables).
// Every row stays in the page (no paging), so the anchors of register rows keep working.
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
    language: { search: "Search the table:" },
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
}
labelPaneInputs();
