// Draws metric series with uPlot from the Prometheus API (/api/v1/query_range, /api/v1/series,
// /api/v1/label/__name__/values): the explore page (templates/metrics/explore.html), where pickers
// build a selector the user may edit, with range presets, drag-to-zoom and the view in the address;
// and a CI's metrics card (templates/metrics/ci-metrics.html), a chart per metric name of the
// series labelled with the CI. Redraws when the colour theme changes, since a canvas does not
// follow CSS variables by itself.
(function () {
    'use strict';
    // The card may come into a page by htmx more than once, each bringing this script.
    if (window.opslineMetrics) { return; }
    window.opslineMetrics = true;

    var HEIGHT = 260;
    var COLOURS = 6;
    // Prometheus answers at most 11,000 points a series; a chart shows no more than it has pixels.
    var MAX_POINTS = 1000;
    var MAX_SERIES = 50;
    var MAX_CI_CHARTS = 8;
    var CI_RANGE = '6h';
    var RANGES = {'15m': 900, '1h': 3600, '6h': 21600, '24h': 86400, '7d': 604800, '30d': 2592000};
    // The time axis in 24-hour time with ISO dates, as js/graph.js draws it.
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

    // The Prometheus API's address for Opsline's own pages: it takes the page's session (/api/v1 takes tokens).
    var API = '/metrics/api/v1';

    // GETs a Prometheus API address; resolves to its data, rejects with the API's own error text.
    function api(path, params) {
        path = API + path;
        var query = new URLSearchParams();
        Object.keys(params || {}).forEach(function (k) { query.append(k, params[k]); });
        var url = path + (query.toString() ? '?' + query.toString() : '');
        return fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
            .then(function (response) {
                var json = (response.headers.get('Content-Type') || '').indexOf('json') >= 0;
                if (response.redirected || !json) {
                    if (response.status === 404) { throw new Error('The metrics API is not available (404).'); }
                    throw new Error('Your session has ended: reload the page to sign in again.');
                }
                return response.json().then(function (body) {
                    if (body.status === 'error') {
                        throw new Error(body.error + (body.errorType ? ' (' + body.errorType + ')' : ''));
                    }
                    if (!response.ok) {
                        throw new Error(body.detail || body.title || 'The query failed (' + response.status + ').');
                    }
                    return body.data;
                });
            });
    }

    // Seconds between points: the range over the chart's width, at most MAX_POINTS points.
    function stepFor(seconds, width) {
        var points = Math.max(60, Math.min(MAX_POINTS, Math.floor(width)));
        return Math.max(1, Math.ceil(seconds / points));
    }

    function escapeValue(value) {
        return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
    }

    function selector(name, labels) {
        var matchers = Object.keys(labels).sort().filter(function (k) { return labels[k] !== ''; })
            .map(function (k) { return k + '="' + escapeValue(labels[k]) + '"'; });
        return (name || '') + (matchers.length || !name ? '{' + matchers.join(',') + '}' : '');
    }

    function labelNames(metric) {
        return Object.keys(metric).filter(function (k) { return k !== '__name__'; }).sort();
    }

    // The labels whose values tell the series apart; a single series is shown with all of its labels.
    function legendLabels(result) {
        var names = {};
        result.forEach(function (s) { Object.keys(s.metric).forEach(function (k) { names[k] = true; }); });
        return Object.keys(names).sort().filter(function (k) {
            if (result.length === 1) { return true; }
            var first = result[0].metric[k];
            return result.some(function (s) { return s.metric[k] !== first; });
        });
    }

    function seriesLabel(metric, shown) {
        var name = shown.indexOf('__name__') >= 0 ? metric.__name__ || '' : '';
        var labels = {};
        shown.forEach(function (k) { if (k !== '__name__' && metric[k] !== undefined) { labels[k] = metric[k]; } });
        var text = name + (Object.keys(labels).length ? selector('', labels) : '');
        return text || '{}';
    }

    // Prometheus' sample values are strings; +Inf, -Inf and NaN cannot be drawn and leave a gap.
    function number(text) {
        var value = parseFloat(text);
        return isFinite(value) ? value : null;
    }

    // A value in the legend: as exact as people read it, without the float noise of rates and averages.
    function legendValue(value) {
        if (value === null || value === undefined || isNaN(value)) { return '–'; }
        return String(parseFloat(value.toPrecision(10)));
    }

    // One x axis for all series (the union of their times), a value or null for each.
    function align(result, from, to) {
        var all = {};
        all[from] = true;
        all[to] = true;
        result.forEach(function (s) { s.values.forEach(function (p) { all[p[0]] = true; }); });
        var xs = Object.keys(all).map(Number).sort(function (a, b) { return a - b; });
        var index = {};
        xs.forEach(function (x, i) { index[x] = i; });
        var data = [xs];
        result.forEach(function (s) {
            var ys = new Array(xs.length).fill(null);
            s.values.forEach(function (p) { ys[index[p[0]]] = number(p[1]); });
            data.push(ys);
        });
        return data;
    }

    function whenUplotLoaded(draw) {
        if (window.uPlot) { draw(); return; }
        // A fragment htmx brings in loads its script tags without order: uPlot may come second.
        setTimeout(function () { whenUplotLoaded(draw); }, 50);
    }

    // A chart of a matrix result; onZoom(from, to) when the user drags across it.
    function chart(container, title, result, from, to, width, onZoom) {
        var shown = legendLabels(result);
        var colours = result.map(function (s, i) { return cssVar('--chart-' + (i % COLOURS + 1)); });
        var text = cssVar('--muted');
        var line = cssVar('--border');
        var axis = {stroke: text, grid: {stroke: line, width: 1}, ticks: {stroke: line, width: 1}};
        var figure = document.createElement('figure');
        figure.className = 'graph-chart';
        figure.setAttribute('data-series-count', String(result.length));
        var caption = document.createElement('figcaption');
        caption.className = 'visually-hidden';
        caption.textContent = title + ': ' + result.map(function (s) { return seriesLabel(s.metric, shown); }).join(', ');
        figure.appendChild(caption);
        container.appendChild(figure);
        var options = {
            title: title,
            width: width,
            height: HEIGHT,
            cursor: {drag: {x: !!onZoom, y: false, setScale: false}},
            series: [{label: 'Time', value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}'}].concat(result.map(function (s, i) {
                return {
                    label: seriesLabel(s.metric, shown),
                    stroke: colours[i],
                    width: 1.5,
                    points: {show: s.values.length < 3},
                    value: function (u, v) { return legendValue(v); }
                };
            })),
            axes: [
                Object.assign({}, axis, {values: TIME_TICKS}),
                // uPlot's own numbers, precise enough to tell the splits of a narrow band of large values
                // apart; as wide as the longest of them.
                Object.assign({}, axis, {size: function (u, values) {
                    var longest = (values || []).reduce(function (n, v) { return Math.max(n, String(v).length); }, 2);
                    return 24 + longest * 7;
                }})
            ],
            hooks: {setSelect: [function (u) {
                if (!onZoom || u.select.width < 4) { return; }
                var min = u.posToVal(u.select.left, 'x');
                var max = u.posToVal(u.select.left + u.select.width, 'x');
                u.setSelect({left: 0, top: 0, width: 0, height: 0}, false);
                onZoom(Math.floor(min), Math.ceil(max));
            }]}
        };
        return {figure: figure, plot: new window.uPlot(options, align(result, from, to), figure)};
    }

    // A list of charts in a container that says what it is doing, redrawn on theme changes and resized with it.
    function Charts(root) {
        this.status = root.querySelector('[data-explore-status]');
        this.error = root.querySelector('[data-explore-error]');
        this.container = root.querySelector('[data-explore-charts]');
        this.root = root;
        this.drawn = [];
        this.specs = [];
        this.asked = 0;
        var self = this;
        if (window.ResizeObserver) {
            new ResizeObserver(function () {
                self.drawn.forEach(function (c) { c.plot.setSize({width: self.width(), height: HEIGHT}); });
            }).observe(this.container);
        }
        new MutationObserver(function () { self.draw(self.specs); })
            .observe(document.documentElement, {attributes: true, attributeFilter: ['data-theme']});
    }

    Charts.prototype.width = function () {
        return Math.max(280, this.container.clientWidth);
    };

    Charts.prototype.say = function (message) {
        this.status.textContent = message;
        this.status.hidden = !message;
    };

    Charts.prototype.fail = function (message) {
        this.error.textContent = message;
        this.error.hidden = !message;
    };

    // Starts a round of loading; the returned function tells whether it is still the latest one.
    Charts.prototype.begin = function () {
        var ask = ++this.asked;
        var self = this;
        this.root.setAttribute('aria-busy', 'true');
        this.fail('');
        this.say('Loading…');
        return function () { return ask === self.asked; };
    };

    Charts.prototype.end = function () {
        this.root.removeAttribute('aria-busy');
    };

    // specs: [{title, result, from, to, onZoom, link}]
    Charts.prototype.draw = function (specs) {
        var self = this;
        this.specs = specs;
        whenUplotLoaded(function () {
            self.drawn.forEach(function (c) { c.plot.destroy(); });
            self.drawn = [];
            self.container.textContent = '';
            specs.forEach(function (spec) {
                var drawn = chart(self.container, spec.title, spec.result, spec.from, spec.to, self.width(), spec.onZoom);
                if (spec.link) {
                    var p = document.createElement('p');
                    p.className = 'chart-links';
                    var a = document.createElement('a');
                    a.href = spec.link;
                    a.textContent = 'Explore ' + spec.title;
                    p.appendChild(a);
                    drawn.figure.appendChild(p);
                }
                self.drawn.push(drawn);
            });
        });
    };

    function setUpExplore(root) {
        root.setAttribute('data-explore-ready', '');
        var charts = new Charts(root);
        var form = root.querySelector('[data-explore-form]');
        var metricInput = root.querySelector('[data-explore-metric]');
        var metricList = root.querySelector('[data-explore-metric-names]');
        var metricCount = root.querySelector('[data-explore-metric-count]');
        var labelsBox = root.querySelector('[data-explore-labels]');
        var queryBox = root.querySelector('[data-explore-query]');
        var rangeButtons = root.querySelectorAll('[data-explore-range]');
        var resetZoom = root.querySelector('[data-explore-zoom-reset]');
        var hint = root.querySelector('[data-explore-hint]');
        var params = new URLSearchParams(window.location.search);
        var view = {
            query: params.get('query') || '',
            range: RANGES[params.get('range')] ? params.get('range') : '1h',
            from: Number(params.get('from')) || null,
            to: Number(params.get('to')) || null
        };
        var names = [];
        var chosenLabels = {};

        function showRange() {
            rangeButtons.forEach(function (b) {
                b.setAttribute('aria-pressed', String(!view.from && b.getAttribute('data-explore-range') === view.range));
            });
            resetZoom.hidden = !view.from;
        }

        function remember() {
            var next = new URLSearchParams();
            if (view.query) { next.set('query', view.query); }
            if (view.from) {
                next.set('from', String(view.from));
                next.set('to', String(view.to));
            } else {
                next.set('range', view.range);
            }
            history.replaceState(null, '', window.location.pathname + '?' + next.toString());
        }

        function run() {
            showRange();
            remember();
            if (!view.query.trim()) {
                charts.draw([]);
                charts.fail('');
                charts.say('Pick a metric or write a query.');
                return;
            }
            var to = view.from ? view.to : Math.floor(Date.now() / 1000);
            var from = view.from ? view.from : to - RANGES[view.range];
            var step = stepFor(to - from, charts.width());
            var latest = charts.begin();
            api('/query_range', {query: view.query, start: from, end: to, step: step})
                .then(function (data) {
                    if (!latest()) { return; }
                    var result = data.resultType === 'matrix' ? data.result : [];
                    var drawn = result.slice(0, MAX_SERIES);
                    charts.draw(drawn.length ? [{title: view.query, result: drawn, from: from, to: to, onZoom: zoom}] : []);
                    hint.hidden = !drawn.length;
                    charts.say(!result.length ? 'No samples in this range.'
                        : result.length > MAX_SERIES ? 'Showing ' + MAX_SERIES + ' of ' + result.length
                            + ' series: narrow the query to see the others.' : '');
                })
                .catch(function (error) {
                    if (!latest()) { return; }
                    charts.draw([]);
                    hint.hidden = true;
                    charts.say('');
                    charts.fail(error.message);
                })
                .finally(function () { if (latest()) { charts.end(); } });
        }

        function zoom(from, to) {
            if (to - from < 2) { return; }
            view.from = from;
            view.to = to;
            run();
        }

        function buildQuery() {
            var name = metricInput.value.trim();
            queryBox.value = selector(name, chosenLabels);
            view.query = queryBox.value;
            run();
        }

        function labelPicker(name, values) {
            var label = document.createElement('label');
            label.textContent = name;
            var select = document.createElement('select');
            select.setAttribute('data-explore-label', name);
            var any = document.createElement('option');
            any.value = '';
            any.textContent = 'any';
            select.appendChild(any);
            values.sort().forEach(function (v) {
                var option = document.createElement('option');
                option.value = v;
                option.textContent = v;
                select.appendChild(option);
            });
            select.addEventListener('change', function () {
                chosenLabels[name] = select.value;
                buildQuery();
            });
            label.appendChild(select);
            return label;
        }

        // The label names and values of the chosen metric's series over the range shown.
        function loadLabels(name) {
            labelsBox.textContent = '';
            chosenLabels = {};
            var to = Math.floor(Date.now() / 1000);
            api('/series', {'match[]': selector(name, {}), start: view.from || to - RANGES[view.range],
                end: view.from ? view.to : to})
                .then(function (series) {
                    var values = {};
                    series.forEach(function (metric) {
                        labelNames(metric).forEach(function (k) {
                            values[k] = values[k] || {};
                            values[k][metric[k]] = true;
                        });
                    });
                    Object.keys(values).sort().forEach(function (k) {
                        labelsBox.appendChild(labelPicker(k, Object.keys(values[k])));
                    });
                })
                .catch(function (error) { charts.fail(error.message); });
        }

        metricInput.addEventListener('change', function () {
            var name = metricInput.value.trim();
            if (names.indexOf(name) < 0) { return; }
            loadLabels(name);
            buildQuery();
        });
        function count(typed) {
            var matching = names.filter(function (n) { return n.toLowerCase().indexOf(typed) >= 0; }).length;
            var total = names.length + (names.length === 1 ? ' metric' : ' metrics');
            metricCount.textContent = typed ? matching + ' of ' + total : total;
        }

        metricInput.addEventListener('input', function () { count(metricInput.value.trim().toLowerCase()); });
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            view.query = queryBox.value.trim();
            run();
        });
        queryBox.addEventListener('keydown', function (event) {
            // Enter runs the query, as in Prometheus' own page; Shift+Enter breaks the line.
            if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                form.requestSubmit();
            }
        });
        rangeButtons.forEach(function (button) {
            button.addEventListener('click', function () {
                view.range = button.getAttribute('data-explore-range');
                view.from = null;
                view.to = null;
                run();
            });
        });
        resetZoom.addEventListener('click', function () {
            view.from = null;
            view.to = null;
            run();
        });

        api('/label/__name__/values', {})
            .then(function (values) {
                names = values;
                metricList.textContent = '';
                values.forEach(function (n) {
                    var option = document.createElement('option');
                    option.value = n;
                    metricList.appendChild(option);
                });
                count('');
            })
            .catch(function (error) { charts.fail(error.message); });
        queryBox.value = view.query;
        var picked = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{|$)/.exec(view.query.trim());
        if (picked) {
            metricInput.value = picked[1];
            loadLabels(picked[1]);
        }
        run();
    }

    function setUpCiMetrics(root) {
        root.setAttribute('data-explore-ready', '');
        var charts = new Charts(root);
        var ci = {ci_id: root.getAttribute('data-ci-id')};
        var to = Math.floor(Date.now() / 1000);
        var from = to - RANGES[CI_RANGE];
        var step = stepFor(to - from, charts.width());
        var latest = charts.begin();
        api('/series', {'match[]': selector('', ci), start: from, end: to})
            .then(function (series) {
                var seen = {};
                series.forEach(function (metric) { if (metric.__name__) { seen[metric.__name__] = true; } });
                var names = Object.keys(seen).sort();
                var shown = names.slice(0, MAX_CI_CHARTS);
                return Promise.all(shown.map(function (name) {
                    var query = selector(name, ci);
                    return api('/query_range', {query: query, start: from, end: to, step: step})
                        .then(function (data) {
                            return {title: name, result: data.result.slice(0, MAX_SERIES), from: from, to: to,
                                link: '/metrics/explore?' + new URLSearchParams({query: query, range: CI_RANGE}).toString()};
                        });
                })).then(function (specs) {
                    if (!latest()) { return; }
                    specs = specs.filter(function (s) { return s.result.length; });
                    charts.draw(specs);
                    charts.say(!specs.length ? 'No metrics of this CI in the last 6 hours.'
                        : names.length > shown.length ? 'Showing ' + shown.length + ' of ' + names.length
                            + ' metrics; explore to see the others.' : '');
                });
            })
            .catch(function (error) {
                if (!latest()) { return; }
                charts.say('');
                charts.fail(error.message);
            })
            .finally(function () { if (latest()) { charts.end(); } });
    }

    function setUpAll(root) {
        var each = function (css, setUp) {
            if (root.matches && root.matches(css)) { setUp(root); }
            root.querySelectorAll(css).forEach(setUp);
        };
        each('[data-explore]:not([data-explore-ready])', setUpExplore);
        each('[data-ci-metrics]:not([data-explore-ready])', setUpCiMetrics);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () { setUpAll(document); });
    } else {
        setUpAll(document);
    }
    // The CI page loads its metrics card with htmx.
    document.addEventListener('htmx:load', function (event) { setUpAll(event.target); });
})();
