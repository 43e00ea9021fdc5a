// Monitoring pages: the status board's selection and live refresh (server-sent events), the browser's time zone for
// typed times, and times shown on the reader's own clock. No inline scripts: the CSP forbids them.
(function () {
    'use strict';

    function checkboxes() {
        return document.querySelectorAll('#board-results input[name="check"]');
    }

    function selectedCount() {
        return document.querySelectorAll('#board-results input[name="check"]:checked').length;
    }

    // Someone is acting on the board: rows are selected or an action panel is open.
    function acting() {
        return selectedCount() > 0 || document.querySelector('details.bulk-panel[open]') !== null;
    }

    // Whether the server's stream of changes is open; without it the table refreshes on a timer.
    var live = false;
    // A refresh came due while someone was acting on the board; it runs once they are done.
    var held = false;

    function refreshBoard() {
        var results = document.getElementById('board-results');
        if (results) { htmx.trigger(results, 'board-changed'); }
    }

    function showStatus() {
        var count = selectedCount();
        var counter = document.querySelector('[data-selected-count]');
        if (counter) {
            counter.textContent = count === 0 ? 'No problems selected' : count + ' selected';
        }
        var status = document.querySelector('[data-live-status]');
        if (status) {
            status.textContent = acting()
                ? 'Live refresh paused while problems are selected or an action is open.'
                : live ? 'Live: updates as states change.'
                : 'Refreshes every ' + status.getAttribute('data-every') + ' s.';
        }
        if (held && !acting()) {
            held = false;
            refreshBoard();
        }
    }

    // The server announces changes as server-sent events; EventSource reconnects by itself.
    function listen() {
        var status = document.querySelector('[data-live-stream]');
        if (!status || !window.EventSource) { return; }
        var source = new EventSource(status.getAttribute('data-live-stream'));
        source.addEventListener('changed', refreshBoard);
        source.onopen = function () { live = true; showStatus(); };
        source.onerror = function () { live = false; showStatus(); };
    }

    function pad(n) {
        return (n < 10 ? '0' : '') + n;
    }

    // <time data-local-time="time|datetime" datetime="ISO">: the server wrote its own clock; show the reader's.
    function localTimes(root) {
        root.querySelectorAll('time[data-local-time]').forEach(function (element) {
            var at = new Date(element.getAttribute('datetime'));
            if (isNaN(at.getTime())) { return; }
            var time = pad(at.getHours()) + ':' + pad(at.getMinutes());
            element.textContent = element.getAttribute('data-local-time') === 'time'
                ? time + ':' + pad(at.getSeconds())
                : at.getFullYear() + '-' + pad(at.getMonth() + 1) + '-' + pad(at.getDate()) + ' ' + time;
        });
    }

    // Times typed into datetime-local fields are read on the browser's clock.
    function browserZone() {
        var zone;
        try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
        if (!zone) { return; }
        document.querySelectorAll('input[data-browser-zone]').forEach(function (input) { input.value = zone; });
    }

    function fieldValue(date) {
        return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
            + pad(date.getHours()) + ':' + pad(date.getMinutes());
    }

    // Opening the downtime panel proposes now → two hours from now, as the server would assume.
    function proposeWindow(panel) {
        var start = panel.querySelector('input[name="start"]');
        var end = panel.querySelector('input[name="end"]');
        if (!start || !end || start.value || end.value) { return; }
        var now = new Date();
        start.value = fieldValue(now);
        end.value = fieldValue(new Date(now.getTime() + 2 * 60 * 60 * 1000));
    }

    // The table refreshes when told of a change (or every so often), but never under someone's hands:
    // no refresh starts while they act, and one already on its way when they began is not swapped in.
    document.addEventListener('htmx:beforeRequest', function (event) {
        if (event.detail.elt.hasAttribute('data-live-refresh') && acting()) {
            held = true;
            event.preventDefault();
        }
    });

    document.addEventListener('htmx:beforeSwap', function (event) {
        if (event.detail.elt.hasAttribute('data-live-refresh') && acting()) {
            held = true;
            event.detail.shouldSwap = false;
        }
    });

    document.addEventListener('change', function (event) {
        var target = event.target;
        if (target.matches('[data-select-all]')) {
            checkboxes().forEach(function (box) { box.checked = target.checked; });
        }
        if (target.matches('[data-select-all], #board-results input[name="check"]')) {
            showStatus();
        }
    });

    // 'toggle' does not bubble: listen while it travels down. One action panel open at a time.
    document.addEventListener('toggle', function (event) {
        var panel = event.target;
        if (!panel.matches || !panel.matches('details.bulk-panel')) { return; }
        if (panel.open) {
            document.querySelectorAll('details.bulk-panel[open]').forEach(function (other) {
                if (other !== panel) { other.open = false; }
            });
            proposeWindow(panel);
        }
        showStatus();
    }, true);

    htmx.onLoad(function (content) {
        localTimes(content);
        showStatus();
    });

    document.addEventListener('DOMContentLoaded', browserZone);
    document.addEventListener('DOMContentLoaded', listen);
})();
