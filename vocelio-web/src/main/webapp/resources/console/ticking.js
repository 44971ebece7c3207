/*
 * The agents table's "time in status" ticks every second without asking the server. Each cell carries the status'
 * start (data-since) and the server's time when the row was read (data-read-at), both epoch milliseconds; the
 * difference between the browser's and the server's clock is taken from the latter, so a browser whose clock is
 * off still shows the server's time in status. Cells replaced by an Ajax update (paging, a filter, a live refresh)
 * are found again on the next tick. An external file, so the page's Content-Security-Policy allows it.
 */
(function () {
    function pad(n) {
        return (n < 10 ? "0" : "") + n;
    }
    // the format of AgentRow.since: "4m 07s", "2h 05m", "3d 4h"
    function since(s) {
        if (s >= 86400) {
            return Math.floor(s / 86400) + "d " + Math.floor(s / 3600) % 24 + "h";
        }
        return s >= 3600 ? Math.floor(s / 3600) + "h " + pad(Math.floor(s / 60) % 60) + "m"
                : Math.floor(s / 60) + "m " + pad(s % 60) + "s";
    }
    function tick() {
        var cells = document.querySelectorAll("[data-since][data-read-at]");
        for (var i = 0; i < cells.length; i++) {
            var cell = cells[i];
            if (cell.vocelioOffset === undefined) {
                cell.vocelioOffset = Date.now() - Number(cell.getAttribute("data-read-at"));
            }
            var serverNow = Date.now() - cell.vocelioOffset;
            var seconds = Math.max(0, Math.floor((serverNow - Number(cell.getAttribute("data-since"))) / 1000));
            var text = since(seconds);
            if (cell.textContent !== text) {
                cell.textContent = text;
            }
        }
    }
    setInterval(tick, 1000);
})();
