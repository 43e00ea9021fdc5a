// Draws the service-desk report's charts (templates/servicedesk/report.html) with uPlot from the per-day
// series the page carries in data-series: MTTA and MTTR in minutes, incidents opened and resolved.
// Redraws when the colour theme changes, since a canvas does not follow CSS variables by itself.
(function () {
    'use strict';

    var HEIGHT = 220;

    function cssVar(name) {
        return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    }

    function minutes(value) {
        if (value === null || value === undefined) { return '–'; }
        if (value < 10) { return parseFloat(value.toFixed(1)) + ' min'; }
        if (value < 60) { return Math.round(value) + ' min'; }
        if (value < 60 * 24) { return (value / 60).toFixed(1) + ' h'; }
        return (value / 60 / 24).toFixed(1) + ' d';
    }

    function axis(label, format) {
        return {
            label: label,
            stroke: cssVar('--muted'),
            grid: {stroke: cssVar('--border')},
            ticks: {stroke: cssVar('--border')},
            values: format ? function (u, values) { return values.map(format); } : undefined,
            size: 70
        };
    }

    function line(label, colour, format) {
        return {label: label, stroke: cssVar(colour), width: 2, spanGaps: false,
            value: function (u, v) { return format(v); }};
    }

    // Counts and times start at zero; a percentage always spans 0 to 100.
    function draw(holder, series, lines, yLabel, format, fixedMax) {
        holder.textContent = '';
        var width = Math.max(320, holder.clientWidth || holder.parentNode.clientWidth || 640);
        var data = [series.days].concat(lines.map(function (l) { return series[l.key]; }));
        return new uPlot({
            width: width,
            height: HEIGHT,
            series: [{}].concat(lines.map(function (l) { return line(l.label, l.colour, format); })),
            axes: [axis(null), axis(yLabel, format)],
            scales: {x: {time: true}, y: {range: function (u, min, max) {
                return [0, fixedMax || Math.max(1, max || 0)];
            }}}
        }, data, holder);
    }

    function render(section) {
        var series = JSON.parse(section.getAttribute('data-series'));
        var charts = [];
        var times = section.querySelector('[data-chart="times"]');
        var flow = section.querySelector('[data-chart="flow"]');
        charts.push(draw(times, series, [
            {key: 'mtta', label: 'MTTA', colour: '--chart-1'},
            {key: 'mttr', label: 'MTTR', colour: '--chart-2'}], 'minutes', minutes));
        charts.push(draw(section.querySelector('[data-chart="sla"]'), series, [
            {key: 'sla', label: 'Resolution SLA met', colour: '--chart-3'}], '%',
            function (v) { return v === null || v === undefined ? '–' : v + ' %'; }, 100));
        charts.push(draw(flow, series, [
            {key: 'opened', label: 'Opened', colour: '--chart-4'},
            {key: 'resolved', label: 'Resolved', colour: '--chart-3'}], 'incidents',
            function (v) { return v === null || v === undefined ? '–' : String(v); }));
        section.setAttribute('data-drawn', String(charts.length));
        return charts;
    }

    function start() {
        var section = document.querySelector('[data-report-charts]');
        if (!section || typeof uPlot === 'undefined') { return; }
        var charts = render(section);
        new MutationObserver(function () {
            charts.forEach(function (c) { c.destroy(); });
            charts = render(section);
        }).observe(document.documentElement, {attributes: true, attributeFilter: ['data-theme']});
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
