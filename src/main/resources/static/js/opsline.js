// Small behaviours shared by every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
    'use strict';

    // Theme button: cycles system → light → dark; theme.js applies the choice.
    var themes = ['system', 'light', 'dark'];
    function showTheme() {
        document.querySelectorAll('[data-theme-label]').forEach(function (label) {
            label.textContent = 'Theme: ' + window.opslineTheme.choice();
        });
    }
    document.addEventListener('click', function (event) {
        var toggle = event.target.closest('[data-theme-toggle]');
        if (!toggle) { return; }
        var next = themes[(themes.indexOf(window.opslineTheme.choice()) + 1) % themes.length];
        try { localStorage.setItem('opsline-theme', next); } catch (e) { /* storage disabled */ }
        window.opslineTheme.apply();
        showTheme();
    });

    // Destructive actions ask first: <form data-confirm="Delete this?">.
    document.addEventListener('submit', function (event) {
        var message = event.target.getAttribute('data-confirm');
        if (message && !window.confirm(message)) {
            event.preventDefault();
        }
    });

    // Copy buttons: <button data-copy="#element-id">.
    document.addEventListener('click', function (event) {
        var button = event.target.closest('[data-copy]');
        if (!button) { return; }
        var source = document.querySelector(button.getAttribute('data-copy'));
        if (source && navigator.clipboard) {
            navigator.clipboard.writeText(source.textContent.trim()).then(function () {
                button.textContent = 'Copied';
            });
        }
    });

    // htmx requests carry the CSRF token like forms do.
    document.addEventListener('htmx:configRequest', function (event) {
        var header = document.querySelector('meta[name="csrf-header"]');
        var token = document.querySelector('meta[name="csrf-token"]');
        if (header && token) {
            event.detail.headers[header.content] = token.content;
        }
    });

    // After a failed form submit, move focus to the error summary so keyboard and screen-reader users land on it.
    document.addEventListener('DOMContentLoaded', function () {
        showTheme();
        var summary = document.querySelector('.error-summary');
        if (summary) { summary.focus(); }
    });
})();
