// The incident form: the priority that the chosen impact and urgency give, as the matrix beside them says.
// No inline scripts: the CSP forbids them.
(function () {
    'use strict';

    document.addEventListener('change', function (event) {
        var field = event.target;
        if (!field.form || (field.name !== 'impact' && field.name !== 'urgency')) { return; }
        var form = field.form;
        var matrix = form.querySelector('[data-testid=priority-matrix]');
        if (!matrix) { return; }
        var impact = form.elements.impact.value;
        var urgency = form.elements.urgency.value;
        matrix.querySelectorAll('td[data-impact]').forEach(function (cell) {
            var chosen = cell.dataset.impact === impact && cell.dataset.urgency === urgency;
            cell.classList.toggle('chosen', chosen);
            if (chosen) {
                var shown = form.querySelector('[data-resulting-priority]');
                if (shown) { shown.textContent = cell.textContent; }
            }
        });
    });
})();
