// Sets the colour theme before the page paints, so dark-theme users never see a white flash.
// The choice ('light', 'dark' or 'system') is kept in localStorage; 'system' follows the OS,
// also when it changes while the page is open. The stylesheet only knows data-theme="dark".
(function () {
    var root = document.documentElement;
    var systemDark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

    function choice() {
        try {
            var saved = localStorage.getItem('opsline-theme');
            return saved === 'light' || saved === 'dark' ? saved : 'system';
        } catch (e) {
            return 'system';
        }
    }

    function apply() {
        var chosen = choice();
        var dark = chosen === 'dark' || (chosen === 'system' && systemDark && systemDark.matches);
        root.setAttribute('data-theme', dark ? 'dark' : 'light');
        root.setAttribute('data-theme-choice', chosen);
    }

    apply();
    if (systemDark && systemDark.addEventListener) {
        systemDark.addEventListener('change', apply);
    }
    window.opslineTheme = {choice: choice, apply: apply};
})();
