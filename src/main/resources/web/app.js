// liqheat chart page: candlesticks with the estimated liquidation heatmap over them.
// No libraries and nothing from the network but this node's own API, so the page works offline.
//
// History columns come from GET /api/v1/markets/{id}/heatmap (frozen frames). When that endpoint
// fails, the page still has history: the SSE stream is opened with Last-Event-ID 0, so the node
// resends every frozen window it keeps in memory before the snapshot. The live column follows the
// stream's snapshot and bands events.
'use strict';

(function () {
  const WINDOW_MS = 5 * 60 * 1000;
  const RESOLUTION_MS = { '5m': 300e3, '15m': 900e3, '30m': 1800e3, '1h': 3600e3, '4h': 14400e3, '1d': 86400e3 };
  const STALE_AFTER_MS = 20 * 1000;
  const RECONNECT_MS = 3000;
  const RANGES = {
    '12h': { ms: 12 * 3600e3, resolution: '5m' },
    '24h': { ms: 24 * 3600e3, resolution: '5m' },
    '3d': { ms: 3 * 86400e3, resolution: '15m' },
    '1w': { ms: 7 * 86400e3, resolution: '1h' },
    '1m': { ms: 30 * 86400e3, resolution: '4h' },
  };
  // Plot margins in CSS pixels: price axis on the right, time axis below, and a strip right of the
  // newest candle where the live bands are drawn across, as the levels a trader reads first.
  const AXIS_RIGHT = 72;
  const AXIS_BOTTOM = 24;
  const LIVE_STRIP = 56;
  // Band display parameters of the stream. A band is a merged run of bins at or above minIntensity,
  // so at 0 each side would be one band spanning the whole range: the threshold starts at 0.5.
  const DEFAULT_THRESHOLD = 0.5;
  const MAX_BANDS = 50;

  const el = (id) => document.getElementById(id);
  const canvas = el('chart');
  const tooltip = el('tooltip');

  const state = {
    markets: [],
    view: null, // {kind: 'asset'|'market', key, exchanges: [all of the view], markets: [ids shown]}
    selected: new Set(), // exchanges ticked in an asset view
    range: '24h',
    overlayOn: true,
    threshold: DEFAULT_THRESHOLD,
    columns: new Map(), // window start -> {start, end, candles: {market: candle}, cells: [...], frozenBands?: {market: bands}}
    live: null, // the newest BandsView
    liveCandle: null,
    lastEventId: '0',
    updates: 0,
    snapshots: 0,
    lastActivity: 0,
    connected: false,
    historySource: 'none',
    streamUrl: null,
    abort: null,
    generation: 0,
    boxes: [], // hit boxes of the bands drawn, for the tooltip
    plot: { right: 0, bottom: 0 }, // the area bands are drawn in, CSS pixels
    drawPending: false,
  };

  // What tests (and curious users in the console) can read about what is on the canvas.
  const exposed = {
    candlesDrawn: 0,
    bandsDrawn: 0,
    liveBandsDrawn: 0,
    overlayOn: true,
    updates: 0,
    exchanges: [],
    live: false,
    view: null,
    streamUrl: null,
    historySource: 'none',
    columns: 0,
    error: null,
    /**
     * The history cells (frozen windows) held for drawing: how many, how many share a window, side and
     * price range with another (0 when markets are summed rather than drawn over each other), and the
     * markets each names.
     */
    historyCells() {
      const cells = [...state.columns.values()].flatMap((c) => c.cells.map((cell) => ({ start: c.start, cell })));
      const keys = new Set();
      let duplicates = 0;
      cells.forEach(({ start, cell }) => {
        const key = start + '|' + cell.side + '|' + cell.low + '|' + cell.high;
        if (keys.has(key)) duplicates++;
        keys.add(key);
      });
      return { total: cells.length, duplicates, markets: [...new Set(cells.map(({ cell }) => cell.market))] };
    },
    /** Centre of the visible part of the largest live band drawn, in CSS pixels from the canvas's top left, or null. */
    bandPoint() {
      const visible = state.boxes.filter((b) => b.live).map((b) => ({
        side: b.band.side,
        x0: Math.max(0, b.x0), x1: Math.min(state.plot.right, b.x1),
        y0: Math.max(0, b.y0), y1: Math.min(state.plot.bottom, b.y1),
      })).filter((b) => b.x1 - b.x0 > 2 && b.y1 - b.y0 > 2)
        .sort((a, b) => (b.x1 - b.x0) * (b.y1 - b.y0) - (a.x1 - a.x0) * (a.y1 - a.y0));
      if (!visible.length) return null;
      const b = visible[0];
      return { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2, side: b.side };
    },
  };
  window.liqheat = exposed;

  // ---- formatting ----

  function fmtPrice(p) {
    if (p == null || !isFinite(p)) return '–';
    const digits = p >= 1000 ? 1 : p >= 10 ? 2 : p >= 1 ? 3 : 5;
    return p.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function fmtUsd(v) {
    const a = Math.abs(v);
    if (a >= 1e9) return '$' + (v / 1e9).toFixed(2) + 'B';
    if (a >= 1e6) return '$' + (v / 1e6).toFixed(2) + 'M';
    if (a >= 1e3) return '$' + (v / 1e3).toFixed(1) + 'k';
    return '$' + v.toFixed(0);
  }

  function fmtTime(ms, withDate) {
    const iso = new Date(ms).toISOString();
    return withDate ? iso.slice(5, 10) + ' ' + iso.slice(11, 16) : iso.slice(11, 16);
  }

  // ---- markets and controls ----

  async function loadMarkets() {
    const res = await fetch('api/v1/markets', { cache: 'no-store' });
    if (!res.ok) throw new Error('GET /api/v1/markets answered ' + res.status);
    state.markets = await res.json();
    const select = el('subject');
    select.innerHTML = '';
    const assets = [...new Set(state.markets.map((m) => m.baseAsset))];
    const assetGroup = document.createElement('optgroup');
    assetGroup.label = 'Assets (summed across exchanges)';
    assets.forEach((a) => assetGroup.appendChild(new Option(a + ' · all exchanges', 'asset:' + a)));
    const marketGroup = document.createElement('optgroup');
    marketGroup.label = 'Markets';
    state.markets.forEach((m) => marketGroup.appendChild(new Option(m.id, 'market:' + m.id)));
    select.append(assetGroup, marketGroup);
  }

  function viewOf(value) {
    const [kind, ...rest] = value.split(':');
    const key = rest.join(':');
    if (kind === 'asset') {
      const markets = state.markets.filter((m) => m.baseAsset === key);
      return { kind, key, exchanges: [...new Set(markets.map((m) => m.exchange))], marketsOf: markets };
    }
    const market = state.markets.find((m) => m.id === key);
    return market ? { kind: 'market', key, exchanges: [market.exchange], marketsOf: [market] } : null;
  }

  function renderExchangeFilter() {
    const box = el('exchanges');
    box.querySelectorAll('label').forEach((l) => l.remove());
    box.disabled = state.view.kind !== 'asset';
    state.view.exchanges.forEach((ex) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = ex;
      input.dataset.exchange = ex;
      input.checked = state.selected.has(ex);
      input.addEventListener('change', () => {
        if (!input.checked && state.selected.size === 1) {
          input.checked = true; // an asset view needs at least one exchange
          return;
        }
        if (input.checked) state.selected.add(ex); else state.selected.delete(ex);
        reload();
      });
      label.append(input, ' ' + ex);
      box.appendChild(label);
    });
  }

  function shownMarkets() {
    return state.view.marketsOf.filter((m) => state.selected.has(m.exchange)).map((m) => m.id);
  }

  function selectView(value) {
    const view = viewOf(value);
    if (!view) return;
    state.view = view;
    state.selected = new Set(view.exchanges);
    renderExchangeFilter();
    reload();
  }

  function wireControls() {
    el('subject').addEventListener('change', (e) => selectView(e.target.value));
    el('overlay').addEventListener('change', (e) => {
      state.overlayOn = e.target.checked;
      scheduleDraw();
    });
    // Dragging filters what is drawn at once; letting go asks the node for bands cut at the new
    // threshold (minIntensity), which merges runs differently, so history and stream are reloaded.
    el('threshold').addEventListener('input', (e) => {
      state.threshold = Number(e.target.value);
      el('threshold-value').textContent = state.threshold.toFixed(2);
      scheduleDraw();
    });
    el('threshold').addEventListener('change', () => reload());
    el('ranges').querySelectorAll('button').forEach((b) => b.addEventListener('click', () => {
      state.range = b.dataset.range;
      reload();
    }));
    canvas.addEventListener('mousemove', onHover);
    canvas.addEventListener('mouseleave', () => { tooltip.hidden = true; });
    window.addEventListener('resize', scheduleDraw);
    setInterval(updateLiveness, 1000);
  }

  function remember() {
    const params = new URLSearchParams(location.search);
    params.set('view', el('subject').value);
    params.set('range', state.range);
    params.set('threshold', String(state.threshold));
    history.replaceState(null, '', '?' + params.toString());
    el('ranges').querySelectorAll('button').forEach((b) => b.classList.toggle('active', b.dataset.range === state.range));
  }

  // ---- data ----

  /** Forgets what was shown and loads history and the stream for the current view, range and filter. */
  async function reload() {
    state.generation++;
    const generation = state.generation;
    if (state.abort) state.abort.abort();
    state.abort = null;
    state.columns = new Map();
    state.live = null;
    state.liveCandle = null;
    state.lastEventId = '0';
    state.connected = false;
    state.updates = 0;
    state.snapshots = 0;
    remember();
    scheduleDraw();
    const newest = await loadHistory(generation);
    if (generation !== state.generation) return;
    if (newest != null) state.lastEventId = String(newest);
    connect(generation);
  }

  /** Heatmap history of every shown market; the newest column start, or null when there was none. */
  async function loadHistory(generation) {
    const to = Date.now();
    const range = RANGES[state.range];
    const from = to - range.ms;
    let failures = 0;
    const markets = shownMarkets();
    const loaded = await Promise.all(markets.map(async (market) => {
      try {
        const url = 'api/v1/markets/' + encodeURIComponent(market) + '/heatmap?from=' + from + '&to=' + to
          + '&resolution=' + range.resolution;
        const res = await fetch(url, { cache: 'default' });
        if (!res.ok) throw new Error(res.status);
        return { market, heatmap: await res.json() };
      } catch (e) {
        failures++;
        return null;
      }
    }));
    if (generation !== state.generation) return null;
    const newest = addHeatmaps(loaded.filter((l) => l));
    state.historySource = failures === 0 ? 'heatmap' : failures === markets.length ? 'stream' : 'mixed';
    el('history-note').textContent = state.historySource === 'heatmap'
      ? 'History: frozen five-minute windows from the heatmap endpoint' + (markets.length > 1 ? ', summed in USD over the markets shown.' : '.')
      : 'History endpoint unavailable for ' + failures + ' of ' + markets.length
        + ' markets: showing the windows this node froze recently (up to a day), from the live stream.';
    scheduleDraw();
    return failures === 0 ? newest : null;
  }

  /**
   * Adds the shown markets' heatmaps as one, as the node sums an asset view's live bands: a cell is
   * the USD of every market on the same price row (the rows of every market lie on the model's one
   * grid, so their edges are equal). Brightness is relative to the strongest cell of each side over
   * the whole range, square-root scaled so that weaker structure stays visible next to one dominant
   * cluster. Returns the window frozen events continue from: the oldest of the markets' newest
   * windows, or null.
   */
  function addHeatmaps(loaded) {
    const summed = new Map(); // column -> Map(side|low|high -> cell)
    let newest = null;
    loaded.forEach(({ market, heatmap: h }) => {
      const { columns, rows } = heatmapLayout(h);
      const longs = h.longUsd || [];
      const shorts = h.shortUsd || [];
      let marketNewest = null;
      columns.forEach((c, i) => {
        const column = columnAt(c.start, c.end);
        if (c.candle) column.candles[market] = c.candle;
        column.fromHeatmap = true;
        if (!summed.has(column)) summed.set(column, new Map());
        const cells = summed.get(column);
        rows.forEach((row, r) => {
          addToCell(cells, 'long', row, (longs[i] || [])[r] || 0, market);
          addToCell(cells, 'short', row, (shorts[i] || [])[r] || 0, market);
        });
        // The newest window inside this column.
        const lastWindow = Math.floor((c.end - 1) / WINDOW_MS) * WINDOW_MS;
        marketNewest = marketNewest == null ? lastWindow : Math.max(marketNewest, lastWindow);
      });
      if (marketNewest != null) newest = newest == null ? marketNewest : Math.min(newest, marketNewest);
    });
    let maxLong = 0;
    let maxShort = 0;
    summed.forEach((cells) => cells.forEach((cell) => {
      if (cell.side === 'long') maxLong = Math.max(maxLong, cell.notionalUsd);
      else maxShort = Math.max(maxShort, cell.notionalUsd);
    }));
    summed.forEach((cells, column) => cells.forEach((cell) => {
      cell.intensity = Math.sqrt(cell.notionalUsd / (cell.side === 'long' ? maxLong : maxShort));
      column.cells.push(cell);
    }));
    return newest;
  }

  function addToCell(cells, side, row, usd, market) {
    if (!(usd > 0)) return;
    const key = side + '|' + row.low + '|' + row.high;
    const cell = cells.get(key);
    if (cell) {
      cell.notionalUsd += usd;
      cell.market += ' + ' + market;
    } else {
      cells.set(key, { market, side, low: row.low, high: row.high, notionalUsd: usd });
    }
  }

  /**
   * The heatmap endpoint's column-major layout as columns and rows: column c starts at times[c] and
   * spans one resolution; row r spans priceEdges[r]..priceEdges[r + 1]; candles are per column.
   */
  function heatmapLayout(h) {
    const span = RESOLUTION_MS[h.resolution] || WINDOW_MS;
    const c = h.candles || {};
    const columns = (h.times || []).map((start, i) => ({
      start,
      end: start + span,
      candle: c.open && c.open[i] != null
        ? { open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume ? c.volume[i] : null }
        : null,
    }));
    const edges = h.priceEdges || [];
    const rows = edges.slice(0, -1).map((low, r) => ({ low, high: edges[r + 1] }));
    return { columns, rows };
  }

  function columnAt(start, end) {
    let column = state.columns.get(start);
    if (!column) {
      column = { start, end, candles: {}, cells: [], fromHeatmap: false };
      state.columns.set(start, column);
    }
    return column;
  }

  /**
   * A frozen window from the stream, unless a (down-sampled) heatmap column already covers it. In a
   * view of several markets the window's cells are their bands summed (sumBands), like the
   * history before it; a single market's bands are drawn as the node sent them.
   */
  function addFrozen(f) {
    for (const c of state.columns.values()) {
      if (c.fromHeatmap && f.windowStart >= c.start && f.windowStart < c.end) return;
    }
    const column = columnAt(f.windowStart, f.windowStart + WINDOW_MS);
    column.frozenBands = column.frozenBands || {};
    if (column.frozenBands[f.market]) return; // resent on resume
    column.frozenBands[f.market] = f.bands || [];
    if (f.candle) column.candles[f.market] = f.candle;
    const markets = Object.keys(column.frozenBands);
    column.cells = markets.length === 1
      ? column.frozenBands[markets[0]].map((b) => ({ market: f.market, ...b }))
      : sumBands(column.frozenBands);
    if (state.liveCandle && state.liveCandle.start <= f.windowStart) state.liveCandle = null;
  }

  /**
   * One window's bands of several markets as one: each band's notional spread evenly over its price
   * range, summed over the markets on every stretch between two band edges. Brightness is relative
   * to the densest stretch of each side in the window, as one market's frozen bands are relative to
   * its own frame. Bands below a market's threshold were never sent, so they are not in the sum.
   */
  function sumBands(bandsByMarket) {
    const cells = [];
    ['long', 'short'].forEach((side) => {
      const bands = [];
      Object.entries(bandsByMarket).forEach(([market, list]) => list
        .filter((b) => b.side === side && b.high > b.low)
        .forEach((b) => bands.push({ market, low: b.low, high: b.high, density: b.notionalUsd / (b.high - b.low) })));
      const edges = [...new Set(bands.flatMap((b) => [b.low, b.high]))].sort((a, b) => a - b);
      const stretches = [];
      for (let i = 0; i + 1 < edges.length; i++) {
        const low = edges[i];
        const high = edges[i + 1];
        const covering = bands.filter((b) => b.low <= low && b.high >= high);
        if (!covering.length) continue;
        const density = covering.reduce((a, b) => a + b.density, 0);
        stretches.push({ side, low, high, density, notionalUsd: density * (high - low),
          market: [...new Set(covering.map((b) => b.market))].join(' + ') });
      }
      const densest = stretches.reduce((a, c) => Math.max(a, c.density), 0);
      stretches.forEach((c) => {
        c.intensity = densest > 0 ? c.density / densest : 0;
        delete c.density;
        cells.push(c);
      });
    });
    return cells;
  }

  function onLive(view) {
    state.live = view;
    if (view.price == null || !view.asOf) return;
    const start = Math.floor(view.asOf / WINDOW_MS) * WINDOW_MS;
    if (state.columns.has(start) && Object.keys(state.columns.get(start).candles).length) return;
    const c = state.liveCandle;
    if (!c || c.start !== start) {
      const open = c ? c.close : view.price;
      state.liveCandle = { start, open, high: Math.max(open, view.price), low: Math.min(open, view.price), close: view.price };
    } else {
      c.high = Math.max(c.high, view.price);
      c.low = Math.min(c.low, view.price);
      c.close = view.price;
    }
  }

  function streamUrl() {
    const display = 'minIntensity=' + state.threshold + '&maxBands=' + MAX_BANDS;
    if (state.view.kind === 'asset') {
      return 'api/v1/assets/' + encodeURIComponent(state.view.key) + '/bands/stream?exchanges='
        + state.view.exchanges.filter((e) => state.selected.has(e)).join(',') + '&' + display;
    }
    return 'api/v1/markets/' + encodeURIComponent(state.view.key) + '/bands/stream?' + display;
  }

  /**
   * SSE over fetch rather than EventSource: EventSource cannot send Last-Event-ID on its first
   * request, and that header is what makes the node resend its recent frozen windows.
   */
  async function connect(generation) {
    const controller = new AbortController();
    state.abort = controller;
    state.streamUrl = streamUrl();
    try {
      const res = await fetch(state.streamUrl, {
        headers: { Accept: 'text/event-stream', 'Last-Event-ID': state.lastEventId },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        throw new Error(res.status + ' ' + (body.message || ''));
      }
      state.connected = true;
      exposed.error = null;
      await readEvents(res.body, (event) => {
        if (generation !== state.generation) return;
        onEvent(event);
      });
    } catch (e) {
      if (controller.signal.aborted) return;
      exposed.error = String(e.message || e);
    }
    if (generation !== state.generation) return;
    state.connected = false;
    updateLiveness();
    setTimeout(() => { if (generation === state.generation) connect(generation); }, RECONNECT_MS);
  }

  async function readEvents(body, handle) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { type: 'message', data: [], id: null };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      state.lastActivity = Date.now(); // heartbeats count: the connection is alive
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (event.data.length) handle({ type: event.type, id: event.id, data: event.data.join('\n') });
          event = { type: 'message', data: [], id: null };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.type = val;
          else if (field === 'data') event.data.push(val);
          else if (field === 'id') event.id = val;
        }
      }
      updateLiveness();
    }
  }

  function onEvent(event) {
    if (event.id != null) state.lastEventId = event.id;
    let payload;
    try {
      payload = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (event.type === 'frozen') {
      addFrozen(payload);
    } else if (event.type === 'snapshot' || event.type === 'bands') {
      onLive(payload);
      if (event.type === 'snapshot') state.snapshots++;
    } else {
      return;
    }
    // Updates count what arrived after the first snapshot: the stream is live, not resending.
    if (state.snapshots > 0 && !(event.type === 'snapshot' && state.snapshots === 1)) state.updates++;
    scheduleDraw();
  }

  function updateLiveness() {
    const live = state.connected && Date.now() - state.lastActivity < STALE_AFTER_MS;
    const status = el('status');
    status.className = live ? 'live' : 'stale';
    status.dataset.live = String(live);
    const quiet = state.lastActivity ? Math.round((Date.now() - state.lastActivity) / 1000) + ' s' : 'never';
    status.textContent = live ? 'live' : 'stale · last update ' + quiet;
    exposed.live = live;
  }

  // ---- drawing ----

  function scheduleDraw() {
    if (state.drawPending) return;
    state.drawPending = true;
    requestAnimationFrame(() => {
      state.drawPending = false;
      draw();
    });
  }

  /** Mean OHLC over the markets of a column, as an asset view's price is the mean over its markets. */
  function candleOf(column) {
    const shown = new Set(shownMarkets());
    const candles = Object.entries(column.candles).filter(([m]) => shown.has(m)).map(([, c]) => c);
    if (!candles.length) return null;
    const mean = (k) => candles.reduce((a, c) => a + c[k], 0) / candles.length;
    return { open: mean('open'), high: mean('high'), low: mean('low'), close: mean('close') };
  }

  function longColor(t, alpha) {
    // amber (weak) to red (strong)
    return 'rgba(' + Math.round(255 - 25 * t) + ',' + Math.round(190 - 150 * t) + ',' + Math.round(20 * t) + ',' + alpha + ')';
  }

  function shortColor(t, alpha) {
    // dark green (weak) to bright green (strong)
    return 'rgba(' + Math.round(20 + 40 * t) + ',' + Math.round(150 + 105 * t) + ',' + Math.round(70 + 60 * t) + ',' + alpha + ')';
  }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    state.boxes = [];

    const plotRight = width - AXIS_RIGHT - LIVE_STRIP;
    const plotBottom = height - AXIS_BOTTOM;
    state.plot = { right: width - AXIS_RIGHT, bottom: plotBottom };
    const rangeMs = RANGES[state.range].ms;
    const liveStart = state.live && state.live.asOf ? Math.floor(state.live.asOf / WINDOW_MS) * WINDOW_MS : null;
    const tEnd = Math.max(Date.now(), liveStart != null ? liveStart + WINDOW_MS : 0);
    const tStart = tEnd - rangeMs;
    const x = (t) => ((t - tStart) / rangeMs) * plotRight;

    const columns = [...state.columns.values()].filter((c) => c.end > tStart).sort((a, b) => a.start - b.start);
    const candles = columns.map((c) => ({ column: c, candle: candleOf(c) })).filter((e) => e.candle);
    if (state.liveCandle && state.liveCandle.start >= tStart) candles.push({ column: { start: state.liveCandle.start, end: state.liveCandle.start + WINDOW_MS }, candle: state.liveCandle });

    // The price axis follows the candles (and the live price), so bands far away never squash them.
    let lo = Infinity;
    let hi = -Infinity;
    candles.forEach(({ candle }) => { lo = Math.min(lo, candle.low); hi = Math.max(hi, candle.high); });
    const price = state.live ? state.live.price : null;
    if (price != null) { lo = Math.min(lo, price); hi = Math.max(hi, price); }
    if (!isFinite(lo)) {
      drawEmpty(g, width, height);
      publish(0, 0, 0);
      return;
    }
    const pad = Math.max((hi - lo) * 0.2, ((hi + lo) / 2) * 0.004);
    lo -= pad;
    hi += pad;
    const y = (p) => plotBottom - ((p - lo) / (hi - lo)) * plotBottom;

    drawGrid(g, width, plotRight, plotBottom, tStart, tEnd, lo, hi, x, y);

    let bandsDrawn = 0;
    let liveBandsDrawn = 0;
    if (state.overlayOn) {
      g.save();
      g.beginPath();
      g.rect(0, 0, width - AXIS_RIGHT, plotBottom);
      g.clip();
      columns.forEach((c) => {
        const x0 = Math.max(0, x(c.start));
        const x1 = Math.max(x0 + 1, x(c.end));
        c.cells.forEach((cell) => {
          if (drawCell(g, cell, x0, x1, y, lo, hi, false, c)) bandsDrawn++;
        });
      });
      if (state.live) {
        const x0 = liveStart != null ? x(liveStart) : plotRight;
        state.live.bands.forEach((band) => {
          if (drawCell(g, band, x0, plotRight + LIVE_STRIP, y, lo, hi, true, null)) liveBandsDrawn++;
        });
      }
      g.restore();
    }

    const slot = (WINDOW_MS / rangeMs) * plotRight;
    candles.forEach(({ column, candle }) => {
      const w = Math.max(1, Math.min(12, (x(column.end) - x(column.start)) * 0.7, slot * 8));
      const cx = (x(column.start) + x(column.end)) / 2;
      const up = candle.close >= candle.open;
      g.strokeStyle = up ? '#e6edf3' : '#5b8def';
      g.fillStyle = up ? '#e6edf3' : '#5b8def';
      g.beginPath();
      g.moveTo(Math.round(cx) + 0.5, y(candle.high));
      g.lineTo(Math.round(cx) + 0.5, y(candle.low));
      g.stroke();
      const top = y(Math.max(candle.open, candle.close));
      const bottom = y(Math.min(candle.open, candle.close));
      g.fillRect(cx - w / 2, top, w, Math.max(1, bottom - top));
    });

    if (price != null) drawPriceLine(g, width, price, y);
    publish(candles.length, bandsDrawn + liveBandsDrawn, liveBandsDrawn);
    renderSummary();
  }

  /** Draws one band or heatmap cell if it passes the threshold and is in view; true when drawn. */
  function drawCell(g, cell, x0, x1, y, lo, hi, live, column) {
    if (cell.intensity < state.threshold || cell.high < lo || cell.low > hi) return false;
    const t = Math.max(0, Math.min(1, cell.intensity));
    // Translucent even at full intensity, so candles and overlapping windows stay readable.
    const alpha = (live ? 0.2 : 0.1) + (live ? 0.5 : 0.45) * t;
    g.fillStyle = cell.side === 'long' ? longColor(t, alpha) : shortColor(t, alpha);
    const y0 = y(cell.high);
    const y1 = Math.max(y0 + 1, y(cell.low));
    g.fillRect(x0, y0, x1 - x0, y1 - y0);
    state.boxes.push({ x0, x1, y0, y1, band: cell, live, column });
    return true;
  }

  function drawEmpty(g, width, height) {
    g.fillStyle = '#8b949e';
    g.font = '14px system-ui, sans-serif';
    g.textAlign = 'center';
    g.fillText(state.connected ? 'waiting for the first prices …' : 'connecting …', width / 2, height / 2);
    g.textAlign = 'left';
  }

  function drawGrid(g, width, plotRight, plotBottom, tStart, tEnd, lo, hi, x, y) {
    g.strokeStyle = '#1c2128';
    g.fillStyle = '#8b949e';
    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    const step = niceStep((hi - lo) / 8);
    for (let p = Math.ceil(lo / step) * step; p <= hi; p += step) {
      const py = Math.round(y(p)) + 0.5;
      g.beginPath();
      g.moveTo(0, py);
      g.lineTo(width - AXIS_RIGHT, py);
      g.stroke();
      g.fillText(fmtPrice(p), width - AXIS_RIGHT + 6, py + 4);
    }
    const hours = [1, 2, 3, 6, 12, 24, 48, 96, 168].map((h) => h * 3600e3);
    const tStep = hours.find((h) => (h / (tEnd - tStart)) * plotRight >= 90) || hours[hours.length - 1];
    const withDate = tEnd - tStart > 24 * 3600e3;
    for (let t = Math.ceil(tStart / tStep) * tStep; t <= tEnd; t += tStep) {
      const px = Math.round(x(t)) + 0.5;
      g.beginPath();
      g.moveTo(px, 0);
      g.lineTo(px, plotBottom);
      g.stroke();
      g.fillText(fmtTime(t, withDate), px - 16, plotBottom + 16);
    }
    g.fillText('live', plotRight + 14, plotBottom + 16);
  }

  function niceStep(raw) {
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / magnitude;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * magnitude;
  }

  function drawPriceLine(g, width, price, y) {
    const py = Math.round(y(price)) + 0.5;
    g.setLineDash([4, 4]);
    g.strokeStyle = '#f0f6fc';
    g.beginPath();
    g.moveTo(0, py);
    g.lineTo(width - AXIS_RIGHT, py);
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = '#f0f6fc';
    g.fillRect(width - AXIS_RIGHT, py - 9, AXIS_RIGHT, 18);
    g.fillStyle = '#0d1117';
    g.fillText(fmtPrice(price), width - AXIS_RIGHT + 6, py + 4);
  }

  function publish(candlesDrawn, bandsDrawn, liveBandsDrawn) {
    exposed.candlesDrawn = candlesDrawn;
    exposed.bandsDrawn = bandsDrawn;
    exposed.liveBandsDrawn = liveBandsDrawn;
    exposed.overlayOn = state.overlayOn;
    exposed.updates = state.updates;
    exposed.exchanges = state.view ? state.view.exchanges.filter((e) => state.selected.has(e)) : [];
    exposed.view = state.view ? state.view.kind + ':' + state.view.key : null;
    exposed.streamUrl = state.streamUrl;
    exposed.historySource = state.historySource;
    exposed.columns = state.columns.size;
    canvas.dataset.candles = String(candlesDrawn);
    canvas.dataset.bands = String(bandsDrawn);
    canvas.dataset.overlay = String(state.overlayOn);
    canvas.dataset.updates = String(state.updates);
    canvas.dataset.exchanges = exposed.exchanges.join(',');
  }

  function renderSummary() {
    const v = state.live;
    if (!v || v.price == null) {
      el('summary').textContent = '';
      return;
    }
    const side = (n, name) => (n ? name + ' ' + fmtPrice(n.low) + '–' + fmtPrice(n.high) + ' (' + fmtUsd(n.notionalUsd)
      + ', ' + n.distancePct.toFixed(2) + ' % = ' + n.distanceSigma.toFixed(1) + ' σ away)' : name + ' none within the expected move');
    const move = v.expectedMove ? 'expected move ±' + v.expectedMove.sigmaPct.toFixed(2) + ' % (1 σ, ' + v.expectedMove.horizonMinutes / 60 + ' h)' : 'expected move: not enough history yet';
    el('summary').textContent = v.subject + ' · ' + fmtPrice(v.price) + ' · as of ' + fmtTime(v.asOf, true) + ' UTC · '
      + v.bands.length + ' live bands · ' + move + ' · nearest ' + side(v.nearest && v.nearest.long, 'long')
      + ' · ' + side(v.nearest && v.nearest.short, 'short');
  }

  function onHover(e) {
    const rect = canvas.getBoundingClientRect();
    const mx = e.clientX - rect.left;
    const my = e.clientY - rect.top;
    // Live bands are drawn last, so they are on top: search from the end.
    let hit = null;
    for (let i = state.boxes.length - 1; i >= 0; i--) {
      const b = state.boxes[i];
      if (mx >= b.x0 && mx <= b.x1 && my >= b.y0 && my <= b.y1) {
        hit = b;
        break;
      }
    }
    if (!hit) {
      tooltip.hidden = true;
      return;
    }
    const band = hit.band;
    const when = hit.live ? 'live' : fmtTime(hit.column.start, true) + '–' + fmtTime(hit.column.end, false) + ' UTC';
    tooltip.innerHTML = '';
    [
      (band.side === 'long' ? 'Long liquidations' : 'Short liquidations') + ' · ' + when,
      fmtPrice(band.low) + ' – ' + fmtPrice(band.high),
      'notional ' + fmtUsd(band.notionalUsd) + ' · intensity ' + band.intensity.toFixed(2),
      band.market ? band.market : (state.live ? state.live.markets.join(', ') : ''),
    ].forEach((line) => {
      const div = document.createElement('div');
      div.textContent = line;
      tooltip.appendChild(div);
    });
    tooltip.dataset.side = band.side;
    tooltip.hidden = false;
    const left = Math.min(mx + 14, canvas.clientWidth - tooltip.offsetWidth - 4);
    tooltip.style.left = left + 'px';
    tooltip.style.top = Math.max(0, my - tooltip.offsetHeight - 10) + 'px';
  }

  async function start() {
    wireControls();
    try {
      await loadMarkets();
    } catch (e) {
      exposed.error = String(e.message || e);
      el('summary').textContent = 'Cannot list the markets: ' + exposed.error;
      return;
    }
    const params = new URLSearchParams(location.search);
    if (RANGES[params.get('range')]) state.range = params.get('range');
    const threshold = Number(params.get('threshold'));
    if (params.has('threshold') && threshold >= 0 && threshold <= 0.9) state.threshold = threshold;
    el('threshold').value = String(state.threshold);
    el('threshold-value').textContent = state.threshold.toFixed(2);
    const select = el('subject');
    const wanted = params.get('view');
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
    if (select.value) selectView(select.value);
  }

  start();
})();
