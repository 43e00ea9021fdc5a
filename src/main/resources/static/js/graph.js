// Draws checks' measurements (templates/monitoring/fragments/graph.html) with uPlot: one chart per
// unit, a line per label through the averages of its time buckets over a band from their minimum
// to their maximum. Loads the series again when another range is chosen, and redraws when the
// colour theme changes, since a canvas does not follow CSS variables by itself.
(function () {
    'use strict';
    // The fragment may sit on a page more than once, each bringing this script.
    if (window.opslineGraphs) { return; }
    window.opslineGraphs = true;

    var HEIGHT = 220;
    var COLOURS = 6;
    var RANGE_WORDS = {'-1h': 'hour', '-6h': '6 hours', '-24h': '24 hours', '-7d': '7 days'};
    var UNIT_TITLES = {'s': 'Time', 'B': 'Size', '%': 'Percentage', 'c': 'Count', '': 'Value'};
    // The time axis in 24-hour time with ISO dates rather than uPlot's American default. Per tick
    // spacing: the tick's text, then the text where the year, month, day, hour or minute turns.
    var TIME_TICKS = [
        [3600 * 24 * 365, '{YYYY}', null, null, null, null, null, null, 1],
        [3600 * 24 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
        [3600 * 24, '{MMM} {D}', '\n{YYYY}', null, null, null, null, null, 1],
        [3600, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
        [60, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
        [1, '{HH}:{mm}:{ss}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1]
    ];

    function cssVar(name) {
        return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    }

    function translucent(hex, alpha) {
        var n = parseInt(hex.replace('#', ''), 16);
        return 'rgba(' + (n >> 16 & 255) + ',' + (n >> 8 & 255) + ',' + (n & 255) + ',' + alpha + ')';
    }

    function short(value) {
        return String(parseFloat(value.toPrecision(3)));
    }

    // Values come in base units (seconds, bytes); people read 250 ms and 1.5 GB better.
    function format(value, unit) {
        if (value === null || value === undefined || isNaN(value)) { return '–'; }
        var size = Math.abs(value);
        if (unit === 's') {
            if (size !== 0 && size < 1e-3) { return short(value * 1e6) + ' µs'; }
            if (size !== 0 && size < 1) { return short(value * 1e3) + ' ms'; }
            return short(value) + ' s';
        }
        if (unit === '%') { return short(value) + ' %'; }
        var prefixes = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
        var prefix = '';
        for (var i = 0; i < prefixes.length; i++) {
            if (size >= prefixes[i][0]) {
                value = value / prefixes[i][0];
                prefix = prefixes[i][1];
                break;
            }
        }
        var symbol = unit === 'c' ? '' : unit;
        return short(value) + (prefix || symbol ? ' ' : '') + prefix + symbol;
    }

    // Where a series has no point for much longer than its usual spacing (the check was off), the
    // line breaks instead of bridging the hole: a null at the first missing time.
    function gapsOf(times) {
        if (times.length < 3) { return []; }
        var steps = [];
        for (var i = 1; i < times.length; i++) { steps.push(times[i] - times[i - 1]); }
        var usual = steps.slice().sort(function (a, b) { return a - b; })[Math.floor(steps.length / 2)];
        var gaps = [];
        for (var j = 1; j < times.length; j++) {
            if (times[j] - times[j - 1] > 3 * usual) { gaps.push(times[j - 1] + usual); }
        }
        return gaps;
    }

    // uPlot wants one time axis per chart: the union of the series' times, and per series a value
    // at each (undefined where it has none there, which uPlot bridges; null where it breaks). The
    // range's start and end are on it too, so that every chart spans the whole range chosen.
    function align(series, from, to) {
        var prepared = series.map(function (s) {
            var times = s.points.map(function (p) { return Date.parse(p.at) / 1000; });
            return {series: s, times: times, gaps: gapsOf(times)};
        });
        var all = {};
        all[from] = true;
        all[to] = true;
        prepared.forEach(function (p) {
            p.times.concat(p.gaps).forEach(function (t) { all[t] = true; });
        });
        var xs = Object.keys(all).map(Number).sort(function (a, b) { return a - b; });
        var index = {};
        xs.forEach(function (x, i) { index[x] = i; });
        var data = [xs];
        var bands = [];
        prepared.forEach(function (p) {
            var avg = new Array(xs.length);
            var min = new Array(xs.length);
            var max = new Array(xs.length);
            p.series.points.forEach(function (point, k) {
                var i = index[p.times[k]];
                avg[i] = point.avg;
                min[i] = point.min;
                max[i] = point.max;
            });
            p.gaps.forEach(function (t) { avg[index[t]] = null; min[index[t]] = null; max[index[t]] = null; });
            data.push(avg);
            bands.push({min: min, max: max});
        });
        return {data: data, bands: bands};
    }

    // The band from each bucket's minimum to its maximum, drawn under the lines.
    function drawBands(u, bands, colours) {
        var ctx = u.ctx;
        ctx.save();
        ctx.beginPath();
        ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
        ctx.clip();
        var xs = u.data[0];
        bands.forEach(function (band, s) {
            if (!u.series[s + 1].show) { return; }
            ctx.fillStyle = translucent(colours[s], 0.18);
            var run = [];
            var flush = function () {
                if (run.length > 1) {
                    ctx.beginPath();
                    run.forEach(function (i, k) {
                        var x = u.valToPos(xs[i], 'x', true);
                        var y = u.valToPos(band.max[i], 'y', true);
                        if (k === 0) { ctx.moveTo(x, y); } else { ctx.lineTo(x, y); }
                    });
                    for (var k = run.length - 1; k >= 0; k--) {
                        ctx.lineTo(u.valToPos(xs[run[k]], 'x', true), u.valToPos(band.min[run[k]], 'y', true));
                    }
                    ctx.closePath();
                    ctx.fill();
                }
                run = [];
            };
            for (var i = 0; i < xs.length; i++) {
                if (band.max[i] === null) {
                    flush();
                } else if (band.max[i] !== undefined) {
                    run.push(i);
                }
            }
            flush();
        });
        ctx.restore();
    }

    // The lowest minimum and highest maximum, so that the y axis has room for the bands too.
    function bandExtent(bands) {
        var low = Infinity;
        var high = -Infinity;
        bands.forEach(function (band) {
            band.min.forEach(function (v) { if (v !== null && v !== undefined && v < low) { low = v; } });
            band.max.forEach(function (v) { if (v !== null && v !== undefined && v > high) { high = v; } });
        });
        return [low, high];
    }

    function chart(container, unit, series, from, to, width) {
        var aligned = align(series, from, to);
        var extent = bandExtent(aligned.bands);
        var colours = series.map(function (s, i) { return cssVar('--chart-' + (i % COLOURS + 1)); });
        var text = cssVar('--muted');
        var line = cssVar('--border');
        var axis = {stroke: text, grid: {stroke: line, width: 1}, ticks: {stroke: line, width: 1}};
        var figure = document.createElement('figure');
        figure.className = 'graph-chart';
        figure.setAttribute('data-unit', unit);
        var caption = document.createElement('figcaption');
        caption.className = 'visually-hidden';
        caption.textContent = (UNIT_TITLES[unit] || unit) + ': '
            + series.map(function (s) { return s.label; }).join(', ');
        figure.appendChild(caption);
        container.appendChild(figure);
        var options = {
            title: UNIT_TITLES[unit] !== undefined ? UNIT_TITLES[unit] + (unit && unit !== '%' ? ' (' + unit + ')' : '') : unit,
            width: width,
            height: HEIGHT,
            series: [{label: 'Time', value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}'}].concat(series.map(function (s, i) {
                return {
                    label: s.label,
                    stroke: colours[i],
                    width: 2,
                    points: {show: s.points.length < 3},
                    value: function (u, v) { return format(v, unit); }
                };
            })),
            axes: [
                Object.assign({}, axis, {values: TIME_TICKS}),
                Object.assign({}, axis, {size: 70, values: function (u, splits) {
                    return splits.map(function (v) { return format(v, unit); });
                }})
            ],
            scales: {y: {range: function (u, min, max) {
                var low = min === null ? extent[0] : Math.min(min, extent[0]);
                var high = max === null ? extent[1] : Math.max(max, extent[1]);
                return window.uPlot.rangeNum(low, high, 0.1, true);
            }}},
            hooks: {drawAxes: [function (u) { drawBands(u, aligned.bands, colours); }]}
        };
        return new window.uPlot(options, aligned.data, figure);
    }

    function setUp(graph) {
        graph.setAttribute('data-graph-ready', '');
        var url = graph.getAttribute('data-series-url');
        var status = graph.querySelector('[data-graph-status]');
        var charts = graph.querySelector('[data-graph-charts]');
        var buttons = graph.querySelectorAll('[data-graph-range]');
        var plots = [];
        var shown = null;
        var asked = 0;

        function width() {
            return Math.max(280, charts.clientWidth);
        }

        function draw() {
            plots.forEach(function (p) { p.destroy(); });
            plots = [];
            charts.textContent = '';
            var byUnit = {};
            var units = [];
            shown.series.forEach(function (s) {
                if (!byUnit[s.unit]) { byUnit[s.unit] = []; units.push(s.unit); }
                byUnit[s.unit].push(s);
            });
            var from = Date.parse(shown.from) / 1000;
            var to = Date.parse(shown.to) / 1000;
            units.forEach(function (unit) { plots.push(chart(charts, unit, byUnit[unit], from, to, width())); });
        }

        function say(message) {
            status.textContent = message;
            status.hidden = !message;
        }

        function load(range) {
            var ask = ++asked;
            buttons.forEach(function (b) {
                b.setAttribute('aria-pressed', String(b.getAttribute('data-graph-range') === range));
            });
            graph.setAttribute('aria-busy', 'true');
            say('Loading…');
            fetch(url + '?from=' + encodeURIComponent(range), {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
                .then(function (response) {
                    var json = (response.headers.get('Content-Type') || '').indexOf('json') >= 0;
                    if (response.redirected || !json) {
                        throw new Error('Your session has ended: reload the page to sign in again.');
                    }
                    if (!response.ok) {
                        throw new Error('The measurements could not be loaded (' + response.status + ').');
                    }
                    return response.json();
                })
                .then(function (body) {
                    // A slower answer to an earlier choice must not replace the latest one.
                    if (ask !== asked) { return; }
                    shown = body;
                    draw();
                    var words = RANGE_WORDS[range] || range;
                    say(body.series.length ? '' : 'No measurements in the last ' + words + '.');
                })
                .catch(function (error) {
                    if (ask === asked) { say(error.message); }
                })
                .finally(function () {
                    if (ask === asked) { graph.removeAttribute('aria-busy'); }
                });
        }

        buttons.forEach(function (button) {
            button.addEventListener('click', function () { load(button.getAttribute('data-graph-range')); });
        });
        if (window.ResizeObserver) {
            new ResizeObserver(function () {
                plots.forEach(function (p) { p.setSize({width: width(), height: HEIGHT}); });
            }).observe(charts);
        }
        new MutationObserver(function () { if (shown) { draw(); } })
            .observe(document.documentElement, {attributes: true, attributeFilter: ['data-theme']});
        var pressed = graph.querySelector('[data-graph-range][aria-pressed="true"]');
        load(pressed ? pressed.getAttribute('data-graph-range') : '-6h');
    }

    function setUpAll(root) {
        if (root.matches && root.matches('[data-graph]:not([data-graph-ready])')) { setUp(root); }
        root.querySelectorAll('[data-graph]:not([data-graph-ready])').forEach(setUp);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () { setUpAll(document); });
    } else {
        setUpAll(document);
    }
    // Graphs that htmx brings into a page later.
    document.addEventListener('htmx:load', function (event) { setUpAll(event.target); });
})();
