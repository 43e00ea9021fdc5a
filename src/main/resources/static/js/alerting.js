// The alert console: selecting rows, live refresh when the server announces changes (server-sent events),
// and times shown on the reader's own clock. No inline scripts: the CSP forbids them.
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

    // EventSource reconnects by itself when the server ends a stream.
    function listen() {
        var status = document.querySelector('[data-live-stream]');
        if (!status || !window.EventSource) { return; }
        var source = new EventSource(status.getAttribute('data-live-stream'));
        source.addEventListener('changed', refresh);
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

    // Never replace the table under someone's hands: the rows they ticked would vanish.
    document.addEventListener('htmx:beforeRequest', function (event) {
        if (event.detail.elt.hasAttribute('data-live-refresh') && boxes(':checked').length > 0) {
            held = true;
            event.preventDefault();
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

    htmx.onLoad(function (content) {
        localTimes(content);
        showStatus();
    });

    document.addEventListener('DOMContentLoaded', listen);
})();
