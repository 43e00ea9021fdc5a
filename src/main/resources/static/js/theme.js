// Applies the saved colour theme before the page paints, so dark-theme users never see a white flash.
(function () {
    var saved = null;
    try { saved = localStorage.getItem('opsline-theme'); } catch (e) { /* storage disabled */ }
    if (saved === 'light' || saved === 'dark') {
        document.documentElement.setAttribute('data-theme', saved);
    }
})();
