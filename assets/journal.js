/* The class journal's grid: move the focus between cells with the arrow keys (and down with Enter),
   jump into the cell editor with F2 / space, keep the last focused cell to come back to.
   Saving is the server's business (every key also goes to JournalState.cell_key); leaving the page
   with something unsaved asks first. */
(function () {
  if (window.__mrkoJournalKeys) return;
  window.__mrkoJournalKeys = true;

  function focusable(cell) {
    return cell && cell.tabIndex >= 0 ? cell : null;
  }

  function neighbour(cell, dr, dc) {
    var table = cell.closest("table");
    var row = cell.parentElement;
    var r = row.rowIndex + dr, c = cell.cellIndex + dc;
    if (r < 0 || r >= table.rows.length) return null;
    var target = table.rows[r];
    if (c < 0 || c >= target.cells.length) return null;
    return focusable(target.cells[c]);
  }

  document.addEventListener("keydown", function (e) {
    var cell = e.target && e.target.closest ? e.target.closest("td.mrko-jcell, th.mrko-jhead") : null;
    if (!cell || e.altKey || e.ctrlKey || e.metaKey) return;
    var next = null;
    switch (e.key) {
      case "ArrowLeft": next = neighbour(cell, 0, -1); break;
      case "ArrowRight": next = neighbour(cell, 0, 1); break;
      case "ArrowUp": next = neighbour(cell, -1, 0); break;
      case "ArrowDown": next = neighbour(cell, 1, 0); break;
      case "Enter":
        if (cell.classList.contains("mrko-jcell")) next = neighbour(cell, 1, 0);
        break;
      case " ":
        e.preventDefault();  // no page scroll: space opens the editor
        return;
      default: return;
    }
    if (e.key.indexOf("Arrow") === 0) e.preventDefault();
    // React's handler (at the app's root, below the document) has already sent the key for this cell
    if (next) next.focus();
  });

  // closing or reloading the tab with a typed cell not saved yet, or a failed or conflicting save,
  // asks first (the browser's own "leave the page?" question)
  window.addEventListener("beforeunload", function (e) {
    var unsaved = document.querySelector(
      ".mrko-jpending, td.mrko-jcell[data-status='saving'], td.mrko-jcell[data-status='failed'], " +
      "td.mrko-jcell[data-status='conflict']");
    if (!unsaved) return;
    e.preventDefault();
    e.returnValue = "";
  });

  // where to come back to when an editor (dialog) closes
  document.addEventListener("focusin", function (e) {
    var t = e.target;
    if (t && t.matches && t.matches("td.mrko-jcell, th.mrko-jhead, .mrko-jfinal-button")) {
      window.__mrkoJournalLast = t.id;
    }
  });
  // on opening a journal, show its latest held lesson (the columns after it are ahead)
  function showLatestHeld() {
    var wrap = document.querySelector(".mrko-jwrap");
    if (!wrap) return;
    var held = wrap.querySelectorAll("th.mrko-jhead:not([data-ahead='1'])");
    var last = held[held.length - 1];
    if (!last) return;
    wrap.scrollLeft = Math.max(0, last.offsetLeft + last.offsetWidth - wrap.clientWidth + 48);
  }
  window.__mrkoJournalScroll = function () {
    setTimeout(showLatestHeld, 60);
  };
  // JournalState bumps data-scroll on every opening of a journal (the server cannot run a script:
  // that would need eval, which the Content-Security-Policy forbids)
  var lastScroll = null;
  function tickChanged() {
    var wrap = document.querySelector(".mrko-jwrap[data-scroll]");
    var tick = wrap ? wrap.getAttribute("data-scroll") : null;
    if (tick !== null && tick !== lastScroll) {
      lastScroll = tick;
      window.__mrkoJournalScroll();
    }
  }
  new MutationObserver(tickChanged).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-scroll"]});
  // this script is put in the head by the page and may run after the journal has already arrived:
  // no mutation would come for that opening, so the present tick counts as one
  tickChanged();
  window.__mrkoJournalRefocus = function () {
    var id = window.__mrkoJournalLast;
    var el = id ? document.getElementById(id) : null;
    if (el) setTimeout(function () { el.focus(); }, 0);
  };
})();
