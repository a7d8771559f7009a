/* Yangpu GIS HTML map: big layers (html_map.js hands over those above CANVAS_THRESHOLD).
 *
 * Leaflet makes one object per feature, projects every vertex of every feature on each
 * zoom and repaints them all; for 100k polygons that blocked the page for seconds. Here
 * a layer is typed arrays of Web Mercator coordinates, decoded once in slices between
 * frames, with a grid of the features' extents: a redraw visits only the features in
 * view, sets those under four pixels as their box's pixels, skips vertices closer than
 * half a pixel, and paints in slices of a few milliseconds into a hidden canvas shown when
 * complete, so the map never waits on it and the old picture stays until the new is
 * ready. Clicks and hovers are answered from the grid: point in polygon, near a line,
 * near a point. */
var YangpuCanvas = (function () {
  "use strict";

  var SLICE_MS = 16;
  var LOD_PX = 4;  // features smaller than this are drawn as their box, pixel by pixel  // work per slice: well under the 50 ms of a long task
  var GRID_CELLS = 256;

  // A macrotask without setTimeout's 4 ms clamp, so slices follow each other closely.
  var channel = new MessageChannel(), queue = [];
  channel.port1.onmessage = function () { var job = queue.shift(); if (job) job(); };
  function later(job) { queue.push(job); channel.port2.postMessage(0); }

  function mercX(lon) { return (lon + 180) / 360 * 256; }
  function mercY(lat) {
    var s = Math.sin(Math.max(Math.min(lat, 85.0511), -85.0511) * Math.PI / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
  }

  function sum(a) { var t = 0; for (var i = 0; i < a.length; i++) t += a[i]; return t; }
  function ones(n) { var a = new Array(n); for (var i = 0; i < n; i++) a[i] = 1; return a; }
  function groupSums(values, groups) {  // sums of consecutive runs of `values`
    var out = new Array(groups.length), k = 0;
    for (var i = 0; i < groups.length; i++) {
      var t = 0;
      for (var j = 0; j < groups[i]; j++) t += values[k++];
      out[i] = t;
    }
    return out;
  }

  // html_packing.py: zigzag varints in base64, and counts as runs.
  function unpackIntegers(packed) {
    var bytes = atob(packed.packed), out = new Int32Array(packed.n), k = 0, i = 0;
    while (k < packed.n) {
      var value = 0, shift = 1, byte;
      do {
        byte = bytes.charCodeAt(i++);
        value += (byte & 127) * shift;
        shift *= 128;
      } while (byte & 128);
      out[k++] = value % 2 ? -(value + 1) / 2 : value / 2;
    }
    return out;
  }

  function unpackRuns(level) {
    if (!level.runs) return level;
    var n = 0;
    level.runs.forEach(function (run) { n += run[1]; });
    var out = new Int32Array(n), k = 0;
    level.runs.forEach(function (run) { out.fill(run[0], k, k + run[1]); k += run[1]; });
    return out;
  }

  function unpack(part) {
    if (part.coords.packed !== undefined) part.coords = unpackIntegers(part.coords);
    part.counts = part.counts.map(unpackRuns);
  }

  // Rings (polygon rings, lines, or single points) per vertex run, and features per ring run.
  function layout(part) {
    var t = part.type, c = part.counts, vertices = part.coords.length / 2;
    if (t === "POLYGON") return {family: 0, rings: c[0], features: c[1]};
    if (t === "MULTIPOLYGON") return {family: 0, rings: c[0], features: groupSums(c[1], c[2])};
    if (t === "LINESTRING") return {family: 1, rings: c[0], features: ones(c[0].length)};
    if (t === "MULTILINESTRING") return {family: 1, rings: c[0], features: c[1]};
    if (t === "POINT") return {family: 2, rings: ones(vertices), features: ones(vertices)};
    return {family: 2, rings: ones(vertices), features: c[0]};  // MULTIPOINT
  }

  // Decode every part into one set of typed arrays, in slices; then call done(index).
  function decode(layerData, scale, done) {
    var parts = layerData.geometry;
    parts.forEach(unpack);
    var plans = parts.map(layout);
    var nv = 0, nr = 0, nf = 0;
    plans.forEach(function (p, i) {
      nv += parts[i].coords.length / 2; nr += p.rings.length; nf += p.features.length;
    });
    var ix = {
      xy: new Float64Array(2 * nv), ringStart: new Int32Array(nr + 1),
      featRing: new Int32Array(nf + 1), family: new Uint8Array(nf), row: new Int32Array(nf),
      box: new Float64Array(4 * nf), count: nf, byRow: {}
    };
    var v = 0, r = 0, f = 0;
    plans.forEach(function (p, i) {
      var rows = parts[i].rows;
      for (var a = 0; a < p.rings.length; a++) { ix.ringStart[r + a] = v; v += p.rings[a]; }
      for (var b = 0; b < p.features.length; b++) {
        ix.featRing[f + b] = r;
        r += p.features[b];
        ix.family[f + b] = p.family;
        ix.row[f + b] = rows ? rows[b] : b;
      }
      f += p.features.length;
    });
    ix.ringStart[nr] = v;
    ix.featRing[nf] = r;
    for (var g = 0; g < nf; g++) ix.byRow[ix.row[g]] = g;

    var part = 0, k = 0, out = 0, x = 0, y = 0;
    function step() {
      var start = performance.now();
      while (part < parts.length) {
        var coords = parts[part].coords;
        if (k === 0) { x = 0; y = 0; }
        var stop = Math.min(coords.length, k + 200000);
        for (; k < stop; k += 2, out += 2) {
          x += coords[k]; y += coords[k + 1];
          ix.xy[out] = mercX(x / scale);
          ix.xy[out + 1] = mercY(y / scale);
        }
        if (k >= coords.length) { part++; k = 0; }
        if (performance.now() - start > SLICE_MS) return later(step);
      }
      boxes(ix);
      index(ix);
      done(ix);
    }
    later(step);
  }

  function boxes(ix) {
    for (var g = 0; g < ix.count; g++) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      var end = ix.ringStart[ix.featRing[g + 1]];
      for (var v = ix.ringStart[ix.featRing[g]]; v < end; v++) {
        var x = ix.xy[2 * v], y = ix.xy[2 * v + 1];
        if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      }
      ix.box[4 * g] = x0; ix.box[4 * g + 1] = y0; ix.box[4 * g + 2] = x1; ix.box[4 * g + 3] = y1;
    }
  }

  // Features by the grid cell of their extent's centre; a query widens by the largest
  // half-extent, so a feature is found from any cell it covers.
  function index(ix) {
    var n = ix.count, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    var half = 0, g;
    for (g = 0; g < n; g++) {
      var b = 4 * g;
      x0 = Math.min(x0, ix.box[b]); y0 = Math.min(y0, ix.box[b + 1]);
      x1 = Math.max(x1, ix.box[b + 2]); y1 = Math.max(y1, ix.box[b + 3]);
    }
    var cells = GRID_CELLS, w = Math.max(x1 - x0, 1e-9) / cells, h = Math.max(y1 - y0, 1e-9) / cells;
    var cellOf = new Int32Array(n), counts = new Int32Array(cells * cells + 1);
    var halfX = 0, halfY = 0;
    for (g = 0; g < n; g++) {
      var bx = 4 * g, cx = (ix.box[bx] + ix.box[bx + 2]) / 2, cy = (ix.box[bx + 1] + ix.box[bx + 3]) / 2;
      halfX = Math.max(halfX, (ix.box[bx + 2] - ix.box[bx]) / 2);
      halfY = Math.max(halfY, (ix.box[bx + 3] - ix.box[bx + 1]) / 2);
      var c = Math.min(cells - 1, Math.floor((cx - x0) / w)) * cells +
              Math.min(cells - 1, Math.floor((cy - y0) / h));
      cellOf[g] = c;
      counts[c + 1]++;
    }
    for (var i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    var order = new Int32Array(n), fill = counts.slice(0, cells * cells);
    for (g = 0; g < n; g++) order[fill[cellOf[g]]++] = g;  // ascending: drawing order kept
    ix.grid = {x0: x0, y0: y0, w: w, h: h, cells: cells, start: counts, order: order,
               halfX: halfX, halfY: halfY};
    void half;
  }

  // Features whose extent meets [x0, y0, x1, y1] (zoom-0 Mercator), in drawing order.
  function query(ix, x0, y0, x1, y1) {
    var G = ix.grid, out = ix.scratch || (ix.scratch = new Int32Array(ix.count)), n = 0;
    var c0 = Math.max(0, Math.floor((x0 - G.halfX - G.x0) / G.w));
    var c1 = Math.min(G.cells - 1, Math.floor((x1 + G.halfX - G.x0) / G.w));
    var r0 = Math.max(0, Math.floor((y0 - G.halfY - G.y0) / G.h));
    var r1 = Math.min(G.cells - 1, Math.floor((y1 + G.halfY - G.y0) / G.h));
    for (var c = c0; c <= c1; c++) {
      for (var r = r0; r <= r1; r++) {
        var cell = c * G.cells + r;
        for (var k = G.start[cell]; k < G.start[cell + 1]; k++) {
          var g = G.order[k], b = 4 * g;
          if (ix.box[b] <= x1 && ix.box[b + 2] >= x0 && ix.box[b + 1] <= y1 && ix.box[b + 3] >= y0) {
            out[n++] = g;
          }
        }
      }
    }
    // Numeric order is the drawing order; typed, so the sort is numeric and quick. A
    // view of very many features skips it: they are drawn by cell then, which only
    // reorders features that overlap, and tiny ones go to pixels in any order anyway.
    var found = out.slice(0, n);
    return n < 200000 ? found.sort() : found;
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  var BigLayer = L.Renderer.extend({
    options: {padding: 0.15},

    initialize: function (layerData, scale, options) {
      L.Renderer.prototype.initialize.call(this, options);
      this.data = layerData;
      this.scale = scale;
      this.count = 0;
      this.index = null;
      this.drawing = 0;
      this.waiting = [];
      var self = this;
      decode(layerData, scale, function (ix) {
        self.index = ix;
        self.count = ix.count;
        if (self._map) self._update();
        else self._settled();
      });
    },

    _initContainer: function () {
      this._container = this._newCanvas();
    },

    _newCanvas: function () {
      var canvas = document.createElement("canvas");
      canvas.className = "yp-big-layer leaflet-zoom-animated";
      canvas.style.pointerEvents = "none";  // hits are found from the grid (map events)
      return canvas;
    },

    _destroyContainer: function () {
      this.drawing++;
      L.DomUtil.remove(this._container);
      delete this._container;
    },

    _updatePaths: function () {},

    bringToFront: function () {
      if (this._container && this._container.parentNode) {
        this._container.parentNode.appendChild(this._container);
      }
      return this;
    },

    // Done drawing the current view (or there is nothing to draw): run the waiters.
    _settled: function () {
      var waiting = this.waiting;
      this.waiting = [];
      waiting.forEach(function (job) { job(); });
    },

    whenDrawn: function (job) {
      if (this.index && (!this._map || !this.pending)) job();
      else this.waiting.push(job);
    },

    _update: function () {
      var map = this._map;
      if (!map || (map._animatingZoom && this._bounds)) return;
      var p = this.options.padding, size = map.getSize();
      var min = map.containerPointToLayerPoint(size.multiplyBy(-p)).round();
      var target = {
        bounds: L.bounds(min, min.add(size.multiplyBy(1 + p * 2)).round()),
        center: map.getCenter(), zoom: map.getZoom(), origin: map.getPixelOrigin()
      };
      if (!this._bounds) {  // the first call, from onAdd: a blank canvas in place
        this._show(this._container, target);
      }
      if (!this.index) { this.pending = target; return; }
      this._draw(target);
    },

    _show: function (canvas, target) {
      this._bounds = target.bounds;
      this._center = target.center;
      this._zoom = target.zoom;
      L.DomUtil.setPosition(canvas, target.bounds.min);
      if (canvas !== this._container) {
        var old = this._container;
        if (old.parentNode) old.parentNode.replaceChild(canvas, old);
        this._container = canvas;
      }
    },

    _draw: function (target) {
      var generation = ++this.drawing, self = this, ix = this.index, data = this.data;
      this.pending = target;
      var size = target.bounds.getSize(), dpr = window.devicePixelRatio || 1;
      var canvas = this._newCanvas();
      canvas.width = Math.round(size.x * dpr);
      canvas.height = Math.round(size.y * dpr);
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      var ctx = canvas.getContext("2d", {willReadFrequently: true});  // see step()
      ctx.scale(dpr, dpr);
      var s = Math.pow(2, target.zoom);
      var ox = target.origin.x + target.bounds.min.x, oy = target.origin.y + target.bounds.min.y;
      var visible = query(ix, ox / s, oy / s, (ox + size.x) / s, (oy + size.y) / s);
      var style = data.style, b = 0, k = 0, c = 0;
      // Round joins and caps as Leaflet draws them, for the thick lines where they show;
      // thin ones get the default mitre, which rasterises several times faster.
      if (style.weight > 2) {
        ctx.lineJoin = "round";
        ctx.lineCap = "round";
      }
      // Features under LOD_PX are set as their box's pixels in an image (a level of
      // detail costing a few array writes each, where a path costs far more); the rest
      // go by colour into buckets, each colour a few paths filled and stroked at once.
      var buckets = {}, pixels = null, pixelWidth = canvas.width, pixelHeight = canvas.height;
      function word(hex, alpha) {  // ImageData's RGBA bytes as one little-endian word
        var n = parseInt(hex.slice(1), 16), a = Math.round(255 * alpha);
        return ((a << 24) | ((n & 255) << 16) | (n & 0xff00) | (n >> 16)) >>> 0;
      }
      var edgeColour = word(style.stroke || "#000000", Math.max(style.opacity, 0.6));
      var fillColours = data.palette.map(function (fill) {
        return fill === null ? 0 : word(fill, Math.max(style.fillOpacity, 0.3));
      });

      function classify(until) {
        for (; c < visible.length && performance.now() < until; ) {
          var stop = Math.min(visible.length, c + 20000);
          for (; c < stop; c++) {
            var g = visible[c], bx = 4 * g, colour = data.colourIndex ? data.colourIndex[ix.row[g]] : 0;
            var family = ix.family[g];
            if (family !== 2 && (ix.box[bx + 2] - ix.box[bx]) * s < LOD_PX &&
                (ix.box[bx + 3] - ix.box[bx + 1]) * s < LOD_PX) {
              setBox(bx, family === 0 ? fillColours[colour] : edgeColour);
              continue;
            }
            var key = family * 1000 + colour;
            (buckets[key] = buckets[key] || []).push(g);
          }
        }
        return c >= visible.length;
      }

      // A feature a few pixels across as its box: outline pixels, filled inside.
      function setBox(bx, inside) {
        var x0 = Math.floor((ix.box[bx] * s - ox) * dpr), y0 = Math.floor((ix.box[bx + 1] * s - oy) * dpr);
        var x1 = Math.max(x0, Math.ceil((ix.box[bx + 2] * s - ox) * dpr) - 1);
        var y1 = Math.max(y0, Math.ceil((ix.box[bx + 3] * s - oy) * dpr) - 1);
        if (x1 < 0 || y1 < 0 || x0 >= pixelWidth || y0 >= pixelHeight) return;
        if (!pixels) pixels = new Uint32Array(pixelWidth * pixelHeight);
        for (var y = Math.max(y0, 0); y <= Math.min(y1, pixelHeight - 1); y++) {
          for (var x = Math.max(x0, 0); x <= Math.min(x1, pixelWidth - 1); x++) {
            var edge = x === x0 || x === x1 || y === y0 || y === y1;
            pixels[y * pixelWidth + x] = edge || !inside ? edgeColour : inside;
          }
        }
      }

      var keys = null;
      function startPainting() {
        keys = Object.keys(buckets).map(Number).sort(function (a, b) { return a - b; });
        if (pixels) {  // under the bigger features, as a coarser level of the same layer
          var image = new ImageData(new Uint8ClampedArray(pixels.buffer), pixelWidth, pixelHeight);
          var layer = document.createElement("canvas");
          layer.width = pixelWidth;
          layer.height = pixelHeight;
          layer.getContext("2d").putImageData(image, 0, 0);
          ctx.save();
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.drawImage(layer, 0, 0);
          ctx.restore();
          pixels = null;
        }
      }

      function paint(list, from, to, family, fill) {
        ctx.beginPath();
        for (var j = from; j < to; j++) {
          var f = list[j];
          for (var r = ix.featRing[f]; r < ix.featRing[f + 1]; r++) {
            var v0 = ix.ringStart[r], v1 = ix.ringStart[r + 1];
            var px = ix.xy[2 * v0] * s - ox, py = ix.xy[2 * v0 + 1] * s - oy;
            if (family === 2) {
              ctx.moveTo(px + style.radius, py);
              ctx.arc(px, py, style.radius, 0, 2 * Math.PI);
              continue;
            }
            ctx.moveTo(px, py);
            for (var v = v0 + 1; v < v1; v++) {
              var qx = ix.xy[2 * v] * s - ox, qy = ix.xy[2 * v + 1] * s - oy;
              if (Math.abs(qx - px) + Math.abs(qy - py) < 0.5 && v < v1 - 1) continue;
              ctx.lineTo(qx, qy);
              px = qx; py = qy;
            }
            // Back to the first vertex rather than closePath(), which profiled slower.
            if (family === 0) ctx.lineTo(ix.xy[2 * v0] * s - ox, ix.xy[2 * v0 + 1] * s - oy);
          }
        }
        var filled = family !== 1 && fill !== null;
        if (filled) { ctx.fillStyle = rgba(fill, style.fillOpacity); ctx.fill("evenodd"); }
        if (style.stroke !== null && style.weight > 0) {
          ctx.strokeStyle = rgba(style.stroke, style.opacity);
          ctx.lineWidth = style.weight;
          ctx.setLineDash(style.dashArray ? style.dashArray.split(" ").map(Number) : []);
          ctx.stroke();
        } else if (family === 2 && !filled) {
          ctx.fillStyle = rgba("#000000", style.opacity);
          ctx.fill();
        }
      }

      function step() {
        if (generation !== self.drawing) return;  // a newer view took over
        var start = performance.now();
        if (keys === null) {
          if (!classify(start + SLICE_MS)) return later(step);
          startPainting();
        }
        while (b < keys.length) {
          var list = buckets[keys[b]], family = Math.floor(keys[b] / 1000);
          var fill = data.palette[keys[b] % 1000];
          // Small paths: Chromium's path building slows down past a few thousand vertices.
          var to = Math.min(list.length, k + 400);
          paint(list, k, to, family, fill);
          // Chromium records canvas drawing and rasterises it at the next flush, which
          // costs more than building the paths; a one-pixel read rasterises each batch
          // now, so the slice's clock counts it and no single task (the frame showing the
          // canvas) gets the whole picture to paint.
          ctx.getImageData(0, 0, 1, 1);
          k = to;
          if (k >= list.length) { b++; k = 0; }
          if (performance.now() - start > SLICE_MS) return later(step);
        }
        self.pending = null;
        if (self._map) self._show(canvas, target);
        self._settled();
      }
      step();
    },

    onAdd: function () {
      L.Renderer.prototype.onAdd.call(this);
    },

    onRemove: function () {
      L.Renderer.prototype.onRemove.call(this);
      this._bounds = null;
    },

    // --- what is under a point --------------------------------------------------------

    // The topmost feature under a point, or -1: a polygon containing it first, then
    // within a few pixels of a line, a point or a polygon's outline.
    hit: function (latlng) {
      var ix = this.index, map = this._map;
      if (!ix || !map) return -1;
      var s = Math.pow(2, map.getZoom()), x = mercX(latlng.lng), y = mercY(latlng.lat);
      var edge = (Math.max(this.data.style.weight, 1) / 2 + 1) / s;
      var tol = (Math.max(this.data.style.weight, 1) / 2 + 3) / s;
      var radius = (this.data.style.radius + 2) / s, reach = Math.max(tol, radius);
      var near = query(ix, x - reach, y - reach, x + reach, y + reach), i, g;
      for (i = near.length - 1; i >= 0; i--) {
        g = near[i];
        if (ix.family[g] === 0 && inside(ix, g, x, y)) return g;
      }
      for (i = near.length - 1; i >= 0; i--) {
        g = near[i];
        if (ix.family[g] === 0 ? nearRings(ix, g, x, y, edge, true)
            : ix.family[g] === 1 ? nearRings(ix, g, x, y, tol, false)
            : nearPoints(ix, g, x, y, radius)) return g;
      }
      return -1;
    },

    rings: function (g) {  // a feature's rings as LatLng arrays (for the hover outline)
      var ix = this.index, out = [];
      for (var r = ix.featRing[g]; r < ix.featRing[g + 1]; r++) {
        var ring = [];
        for (var v = ix.ringStart[r]; v < ix.ringStart[r + 1]; v++) {
          ring.push(L.CRS.EPSG3857.pointToLatLng(L.point(ix.xy[2 * v], ix.xy[2 * v + 1]), 0));
        }
        out.push(ring);
      }
      return out;
    },

    featureBounds: function (g) {
      var b = 4 * g, ix = this.index, crs = L.CRS.EPSG3857;
      return L.latLngBounds(crs.pointToLatLng(L.point(ix.box[b], ix.box[b + 3]), 0),
                            crs.pointToLatLng(L.point(ix.box[b + 2], ix.box[b + 1]), 0));
    }
  });

  function inside(ix, g, x, y) {
    var b = 4 * g;
    if (x < ix.box[b] || x > ix.box[b + 2] || y < ix.box[b + 1] || y > ix.box[b + 3]) return false;
    var odd = false;
    for (var r = ix.featRing[g]; r < ix.featRing[g + 1]; r++) {
      var v0 = ix.ringStart[r], v1 = ix.ringStart[r + 1];
      for (var v = v0, u = v1 - 1; v < v1; u = v++) {
        var xv = ix.xy[2 * v], yv = ix.xy[2 * v + 1], xu = ix.xy[2 * u], yu = ix.xy[2 * u + 1];
        if ((yv > y) !== (yu > y) && x < (xu - xv) * (y - yv) / (yu - yv) + xv) odd = !odd;
      }
    }
    return odd;
  }

  function nearRings(ix, g, x, y, tol, closed) {
    for (var r = ix.featRing[g]; r < ix.featRing[g + 1]; r++) {
      var v0 = ix.ringStart[r], v1 = ix.ringStart[r + 1];
      for (var v = v0 + (closed ? 0 : 1); v < v1; v++) {
        var u = v === v0 ? v1 - 1 : v - 1;
        if (segmentDistance(x, y, ix.xy[2 * u], ix.xy[2 * u + 1], ix.xy[2 * v], ix.xy[2 * v + 1]) <= tol) {
          return true;
        }
      }
    }
    return false;
  }

  function nearPoints(ix, g, x, y, radius) {
    for (var r = ix.featRing[g]; r < ix.featRing[g + 1]; r++) {
      var v = ix.ringStart[r];
      if (Math.hypot(ix.xy[2 * v] - x, ix.xy[2 * v + 1] - y) <= radius) return true;
    }
    return false;
  }

  function segmentDistance(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  }

  return {BigLayer: BigLayer};
})();
