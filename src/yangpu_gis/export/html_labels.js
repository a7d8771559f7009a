/* Yangpu GIS HTML map: labels and the search box (html_map.js calls these).
 * Labels follow the desktop's rules (render/labels.py): topmost layer first and, within
 * a layer, the biggest feature on screen first; a label that would overlap one already
 * placed is left out; features under 4 px are not labelled. They are real text in the
 * page (found by the browser's Find, read by screen readers), placed again after every
 * move or zoom. Text from the data reaches the page through textContent only. */
var YangpuLabels = (function () {
  "use strict";

  var MIN_FEATURE_PX = 4, MAX_CANDIDATES = 1500, PAD = 3, MARGIN = 2, GRID = 64;
  // render/labels.py LOOKS: pixel size, weight and style of each kind's labels.
  var LOOKS = {
    district: {size: 15, bold: true},
    river: {size: 13, italic: true},
    site: {size: 12, bold: true}
  };
  var DEFAULT_LOOK = {size: 12};
  // The page's words in its language, given by html_map.js (setWords).
  var WORDS = {};
  function W(text) { return Object.prototype.hasOwnProperty.call(WORDS, text) ? WORDS[text] : text; }
  function setWords(words) { WORDS = words || {}; }

  var FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", "Microsoft YaHei", "PingFang SC", ' +
                    '"Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

  var measurer = document.createElement("canvas").getContext("2d");

  function fontOf(look) {
    return (look.italic ? "italic " : "") + (look.bold ? "bold " : "") + look.size + "px " +
           FONT_FAMILY;
  }

  // Micro-degrees to Web Mercator at zoom 0 (256 px for the world), once per layer.
  function project(layer, scale) {
    var labels = layer.labels, n = labels.rows.length;
    var anchor = new Float64Array(2 * n), box = new Float64Array(4 * n);
    function x(lon) { return (lon / scale + 180) / 360 * 256; }
    function y(lat) {
      var s = Math.sin(Math.max(Math.min(lat / scale, 85.0511), -85.0511) * Math.PI / 180);
      return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
    }
    for (var i = 0; i < n; i++) {
      anchor[2 * i] = x(labels.anchor[2 * i]);
      anchor[2 * i + 1] = y(labels.anchor[2 * i + 1]);
      box[4 * i] = x(labels.box[4 * i]);
      box[4 * i + 1] = y(labels.box[4 * i + 3]);
      box[4 * i + 2] = x(labels.box[4 * i + 2]);
      box[4 * i + 3] = y(labels.box[4 * i + 1]);
    }
    return {anchor: anchor, box: box, widths: {}};
  }

  function Placer(width, height) {
    this.width = width;
    this.height = height;
    this.grid = {};
  }
  Placer.prototype.cells = function (b, visit) {
    for (var gx = Math.floor(b[0] / GRID); gx <= Math.floor(b[2] / GRID); gx++) {
      for (var gy = Math.floor(b[1] / GRID); gy <= Math.floor(b[3] / GRID); gy++) {
        if (visit(gx + "," + gy) === true) return true;
      }
    }
    return false;
  };
  Placer.prototype.fits = function (b) {
    if (b[0] < MARGIN || b[1] < MARGIN || b[2] > this.width - MARGIN ||
        b[3] > this.height - MARGIN) return false;
    var grid = this.grid;
    return !this.cells(b, function (key) {
      var boxes = grid[key] || [];
      for (var i = 0; i < boxes.length; i++) {
        var o = boxes[i];
        if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return true;
      }
      return false;
    });
  };
  Placer.prototype.remember = function (b) {
    var grid = this.grid;
    this.cells(b, function (key) { (grid[key] = grid[key] || []).push(b); });
  };

  function create(map, entries, scale) {
    var pane = map.createPane("yp-labels");
    pane.setAttribute("aria-label", W("Map labels"));
    pane.setAttribute("role", "list");
    var labelled = entries.filter(function (e) { return e.data.labels; });
    labelled.forEach(function (e) { e.labelIndex = project(e.data, scale); });

    function width(entry, k, look) {
      var cached = entry.labelIndex.widths[k];
      if (cached) return cached;
      measurer.font = fontOf(look);
      var lines = entry.data.labels.text[k].split("\n");
      var w = Math.max.apply(null, lines.map(function (t) { return measurer.measureText(t).width; }));
      return (entry.labelIndex.widths[k] = [Math.ceil(w) + 1, lines.length]);
    }

    function place() {
      var size = map.getSize(), zoom = map.getZoom(), factor = 256 * Math.pow(2, zoom) / 256;
      var origin = map.getPixelOrigin(), pane0 = map.containerPointToLayerPoint([0, 0]);
      var topLeft = map.containerPointToLayerPoint([0, 0]).add(origin);
      var placer = new Placer(size.x, size.y), nodes = [];
      // Topmost layer first, as the desktop.
      labelled.slice().reverse().forEach(function (entry) {
        if (!map.hasLayer(entry.group)) return;
        var labels = entry.data.labels, index = entry.labelIndex, n = labels.rows.length;
        var look = LOOKS[entry.data.kind] || DEFAULT_LOOK, candidates = [];
        for (var i = 0; i < n; i++) {
          var bx0 = index.box[4 * i] * factor - topLeft.x, by0 = index.box[4 * i + 1] * factor - topLeft.y;
          var bx1 = index.box[4 * i + 2] * factor - topLeft.x, by1 = index.box[4 * i + 3] * factor - topLeft.y;
          if (bx1 < 0 || by1 < 0 || bx0 > size.x || by0 > size.y) continue;
          var point = bx1 - bx0 === 0 && by1 - by0 === 0;
          if (!point && Math.max(bx1 - bx0, by1 - by0) < MIN_FEATURE_PX) continue;
          // Weight: the part of the feature's extent on screen (biggest first).
          var w = (Math.min(bx1, size.x) - Math.max(bx0, 0)) * (Math.min(by1, size.y) - Math.max(by0, 0));
          candidates.push([i, w]);
        }
        candidates.sort(function (a, b) { return b[1] - a[1]; });
        candidates.slice(0, MAX_CANDIDATES).forEach(function (c) {
          var k = c[0];
          var ax = index.anchor[2 * k] * factor - topLeft.x, ay = index.anchor[2 * k + 1] * factor - topLeft.y;
          var wl = width(entry, k, look), w = wl[0], h = wl[1] * Math.round(look.size * 1.25);
          var point = index.box[4 * k] === index.box[4 * k + 2];
          var beside = point ? (entry.data.style.radius || 3) + 4 : 0;
          var tries = beside
            ? [[ax + beside, ay - h / 2], [ax - beside - w, ay - h / 2],
               [ax - w / 2, ay - beside - h], [ax - w / 2, ay + beside]]
            : [[ax - w / 2, ay - h / 2], [ax - w / 2, ay - h / 2 - h - 2 * PAD - 1],
               [ax - w / 2, ay - h / 2 + h + 2 * PAD + 1]];
          for (var t = 0; t < tries.length; t++) {
            var left = tries[t][0], top = tries[t][1];
            var b = [left - PAD, top - PAD, left + w + PAD, top + h + PAD];
            if (placer.fits(b)) {
              placer.remember(b);
              nodes.push(labelNode(entry, k, look, left + pane0.x, top + pane0.y, w));
              break;
            }
          }
        });
      });
      pane.replaceChildren.apply(pane, nodes);
    }

    function labelNode(entry, k, look, left, top, w) {
      var node = document.createElement("div");
      node.className = "yp-label yp-label-" + entry.data.kind;
      node.setAttribute("role", "listitem");
      node.style.font = fontOf(look);
      node.style.width = w + "px";
      node.style.lineHeight = Math.round(look.size * 1.25) + "px";
      node.dataset.layer = entry.data.id;
      node.dataset.row = entry.data.labels.rows[k];
      entry.data.labels.text[k].split("\n").forEach(function (line, i) {
        var span = document.createElement("span");
        span.textContent = line;
        if (i) span.className = "yp-label-second";
        node.appendChild(span);
      });
      L.DomUtil.setPosition(node, L.point(Math.round(left), Math.round(top)));
      return node;
    }

    map.on("moveend zoomend overlayadd overlayremove resize", place);
    map.on("zoomstart", function () { pane.style.visibility = "hidden"; });
    map.on("zoomend", function () { pane.style.visibility = ""; });
    return {place: place, pane: pane};
  }

  // --- search ------------------------------------------------------------------------

  // namesOfRow: a feature's names, the page's language first (html_popup.featureNames).
  function searchControl(map, entries, namesOfRow, show, cell) {
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "yp-search leaflet-bar");
      var input = L.DomUtil.create("input", "yp-search-input", box);
      input.type = "search";
      input.placeholder = W("Search names");
      input.setAttribute("aria-label", W("Search the map's features by name"));
      var list = L.DomUtil.create("ul", "yp-search-results", box);
      list.setAttribute("role", "listbox");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var found = [];

      function update() {
        var query = input.value.trim().toLocaleLowerCase();
        found = [];
        if (query) {
          entries.slice().reverse().forEach(function (entry) {
            var names = entry.searchNames || (entry.searchNames = namesOf(entry));
            for (var row = 0; row < names.length && found.length < 10; row++) {
              if (names[row] && names[row].indexOf(query) >= 0) found.push([entry, row]);
            }
          });
        }
        list.replaceChildren.apply(list, found.map(function (hit, i) {
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.setAttribute("role", "option");
          var names = namesOfRow(hit[0].data, hit[1]);
          button.textContent = names[0];
          if (names[1]) {
            var other = document.createElement("span");
            other.className = "yp-search-other";
            other.textContent = " " + names[1];
            button.appendChild(other);
          }
          var where = document.createElement("span");
          where.className = "yp-search-layer";
          where.textContent = " · " + hit[0].data.title;
          button.appendChild(where);
          L.DomEvent.on(button, "click", function () { show(hit[0], hit[1]); });
          item.appendChild(button);
          return item;
        }));
        if (query && !found.length) {
          var none = document.createElement("li");
          none.className = "yp-search-none";
          none.textContent = W("No match");
          list.appendChild(none);
        }
      }

      function namesOf(entry) {
        var layout = entry.data.popup, columns = [layout.name, layout.nameZh, layout.id];
        var rows = entry.data.rowCount || 0, out = new Array(rows);
        for (var row = 0; row < rows; row++) {
          var parts = [];
          columns.forEach(function (c) {
            if (c !== undefined && c >= 0) {
              var v = cell(entry.data, c, row);
              if (v !== null && v !== undefined) parts.push(String(v));
            }
          });
          out[row] = parts.join(" \u0000 ").toLocaleLowerCase();
        }
        return out;
      }

      L.DomEvent.on(input, "input", update);
      L.DomEvent.on(input, "keydown", function (event) {
        if (event.key === "Enter" && found.length) show(found[0][0], found[0][1]);
      });
      return box;
    };
    control.addTo(map);
    return control;
  }

  return {create: create, searchControl: searchControl, setWords: setWords};
})();
