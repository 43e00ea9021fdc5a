// Small behaviours shared by every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
    'use strict';

    // Theme: follows the system until the user picks one; the button cycles system → light → dark.
    var themes = ['system', 'light', 'dark'];
    function currentTheme() {
        return document.documentElement.getAttribute('data-theme') || 'system';
    }
    function showTheme() {
        document.querySelectorAll('[data-theme-label]').forEach(function (label) {
            label.textContent = 'Theme: ' + currentTheme();
        });
    }
    document.addEventListener('click', function (event) {
        var toggle = event.target.closest('[data-theme-toggle]');
        if (!toggle) { return; }
        var next = themes[(themes.indexOf(currentTheme()) + 1) % themes.length];
        if (next === 'system') {
            document.documentElement.removeAttribute('data-theme');
        } else {
            document.documentElement.setAttribute('data-theme', next);
        }
        try { localStorage.setItem('opsline-theme', next); } catch (e) { /* storage disabled */ }
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
