// The alert console: selecting rows, and live refresh when the server announces changes (server-sent events).
// No inline scripts: the CSP forbids them.
(function () {
    'use strict';

    function boxes(selector) {
        return document.querySelectorAll('#alert-results input[name="alert"]' + (selector || ''));
    }

    // Whether the stream of changes is open; without it the table refreshes on its timer alone.
    var live = false;
    // A refresh came due while rows were selected; it runs once the selection is cleared.
    var held = false;

    function refresh() {
        var results = document.getElementById('alert-results');
        if (results) { htmx.trigger(results, 'alerts-changed'); }
    }

    function showStatus() {
        var count = boxes(':checked').length;
        var counter = document.querySelector('[data-selected-count]');
        if (counter) {
            counter.textContent = count === 0 ? 'No alerts selected' : count + ' selected';
        }
        document.querySelectorAll('[data-bulk-action]').forEach(function (button) { button.disabled = count === 0; });
        var status = document.querySelector('[data-live-status]');
        if (status) {
            status.textContent = count > 0 ? 'Live refresh paused while alerts are selected.'
                : live ? 'Live: updates as alerts change.'
                : 'Refreshes every ' + status.getAttribute('data-every') + ' s.';
        }
        if (held && count === 0) {
            held = false;
            refresh();
        }
    }

    function connected(open) {
        return function () {
            live = open;
            showStatus();
        };
    }

    // EventSource reconnects by itself when the server ends a stream.
    document.addEventListener('DOMContentLoaded', function () {
        var announcer = document.querySelector('[data-live-stream]');
        if (announcer && window.EventSource) {
            var changes = new EventSource(announcer.getAttribute('data-live-stream'));
            changes.addEventListener('changed', refresh);
            changes.addEventListener('open', connected(true));
            changes.addEventListener('error', connected(false));
        }
    });

    // Never replace the table under someone's hands: the rows they ticked would vanish. No refresh
    // starts while rows are ticked, and one already on its way when they ticked one is not swapped in.
    document.addEventListener('htmx:beforeRequest', function (event) {
        if (event.detail.elt.hasAttribute('data-live-refresh') && boxes(':checked').length > 0) {
            held = true;
            event.preventDefault();
        }
    });

    document.addEventListener('htmx:beforeSwap', function (event) {
        if (event.detail.elt.hasAttribute('data-live-refresh') && boxes(':checked').length > 0) {
            held = true;
            event.detail.shouldSwap = false;
        }
    });

    document.addEventListener('change', function (event) {
        var target = event.target;
        if (target.matches('[data-select-all]')) {
            boxes().forEach(function (box) { box.checked = target.checked; });
        }
        if (target.matches('[data-select-all], #alert-results input[name="alert"]')) {
            showStatus();
        }
    });

    htmx.onLoad(showStatus);
})();
