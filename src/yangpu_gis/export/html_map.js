/* Yangpu GIS HTML map: draws the layers described in #yangpu-data with Leaflet.
 * Text from the data only ever reaches the page through textContent, or through
 * escapeHtml() where Leaflet insists on an HTML string (layer control, attribution). */
(function () {
  "use strict";

  performance.mark("yangpu-start");
  var data = JSON.parse(document.getElementById("yangpu-data").textContent);
  performance.mark("yangpu-parsed");
  var SCALE = data.coordinateScale;

  var text = YangpuPopups(data);
  var el = text.el, escapeHtml = text.escapeHtml, rgba = text.rgba, cell = text.cell;
  var featureNames = text.featureNames, popupContent = text.popupContent;
  var W = text.W;  // the page's words in its language

  // --- geometry: delta-coded integers back to nested LatLng arrays ---------------------

  function decodeLatLngs(coords) {
    var out = new Array(coords.length / 2), x = 0, y = 0;
    for (var i = 0, k = 0; k < coords.length; i++, k += 2) {
      x += coords[k];
      y += coords[k + 1];
      out[i] = new L.LatLng(y / SCALE, x / SCALE);
    }
    return out;
  }

  // counts[0] groups vertices into rings/lines, counts[1] rings into polygons, and so on.
  function nest(items, counts) {
    for (var level = 0; level < counts.length; level++) {
      var sizes = counts[level], grouped = new Array(sizes.length), start = 0;
      for (var i = 0; i < sizes.length; i++) {
        grouped[i] = items.slice(start, start + sizes[i]);
        start += sizes[i];
      }
      items = grouped;
    }
    return items;
  }

  // --- styles ------------------------------------------------------------------------

  function pathOptions(layerData, fill, renderer, family) {
    var s = layerData.style;
    var filled = family !== "line" && fill !== null;
    return {
      renderer: renderer,
      stroke: s.stroke !== null && s.weight > 0,
      color: s.stroke || "#000000",
      weight: s.weight,
      opacity: s.opacity,
      dashArray: s.dashArray,
      fill: filled || (family === "point" && s.stroke === null),
      fillColor: fill || s.stroke || "#000000",
      fillOpacity: s.fillOpacity,
      radius: s.radius
    };
  }

  function familyOf(type) {
    if (type.indexOf("POLYGON") >= 0) return "polygon";
    if (type.indexOf("LINE") >= 0) return "line";
    return "point";
  }

  function makeFeature(family, type, shape, options) {
    if (family === "polygon") return L.polygon(shape, options);
    if (family === "line") return L.polyline(shape, options);
    if (type === "POINT") return L.circleMarker(shape, options);
    return L.featureGroup(shape.map(function (point) { return L.circleMarker(point, options); }));
  }

  function buildLayer(layerData, renderer) {
    var group = L.featureGroup(), byRow = group.yangpuByRow = {};
    var optionsByColour = {};
    layerData.geometry.forEach(function (part) {
      var family = familyOf(part.type);
      var shapes = nest(decodeLatLngs(part.coords), part.counts);
      for (var i = 0; i < shapes.length; i++) {
        var row = part.rows ? part.rows[i] : i;
        var colour = layerData.colourIndex ? layerData.colourIndex[row] : 0;
        var key = family + colour;
        if (!optionsByColour[key]) {
          optionsByColour[key] = pathOptions(layerData, layerData.palette[colour], renderer, family);
        }
        var feature = makeFeature(family, part.type, shapes[i], optionsByColour[key]);
        feature.yangpuRow = row;
        byRow[row] = feature;
        if (feature instanceof L.FeatureGroup) feature.eachLayer(function (p) { p.yangpuRow = row; });
        group.addLayer(feature);
      }
    });
    return group;
  }

  // --- legend ----------------------------------------------------------------------

  function swatch(shape, style, fill) {
    var node = el("span", "yp-swatch yp-swatch-" + shape);
    var border = Math.min(Math.max(style.weight, 1), 3) + "px " +
                 (style.dashArray ? "dashed " : "solid ") + (style.stroke || "transparent");
    if (shape === "linestring") {
      node.style.borderTop = border;
    } else {
      node.style.border = style.stroke ? border : "1px solid transparent";
      if (fill) node.style.background = rgba(fill, style.fillOpacity);
    }
    return node;
  }

  function legendLayer(entry) {
    var layerData = entry.data, style = layerData.style;
    var item = el("div", "yp-legend-layer");
    var head = el("div", "yp-legend-head");
    var baseFill = layerData.legend.length ? null : layerData.palette[0];
    head.appendChild(swatch(layerData.legendShape, style, baseFill));
    head.appendChild(el("span", null, layerData.title));
    item.appendChild(head);
    if (layerData.legend.length) {
      var list = el("div", "yp-legend-categories");
      list.appendChild(el("div", "yp-legend-field", layerData.categoryField));
      layerData.legend.forEach(function (category) {
        var row = el("div", "yp-legend-category");
        row.appendChild(swatch(layerData.legendShape, style, category[1]));
        row.appendChild(el("span", null, category[0]));
        list.appendChild(row);
      });
      item.appendChild(list);
    }
    return item;
  }

  // --- hover: the name in a tooltip, the feature outlined ------------------------------

  var HIGHLIGHT = "#e6550d";

  function hoverable(layerData, group) {
    group.bindTooltip(function (feature) {
      return el("span", "yp-tooltip-name", featureNames(layerData, feature.yangpuRow)[0]);
    }, {sticky: true, direction: "top", offset: [0, -8], className: "yp-tooltip"});
    var s = layerData.style;
    group.on("mouseover", function (event) {
      if (!event.layer.setStyle) return;
      event.layer.setStyle({color: HIGHLIGHT, weight: Math.max(s.weight, 1) + 2, opacity: 1});
      if (event.layer.bringToFront && !(event.layer instanceof L.CircleMarker)) {
        event.layer.bringToFront();
      }
    });
    group.on("mouseout", function (event) {
      if (!event.layer.setStyle) return;
      event.layer.setStyle({color: s.stroke || "#000000", weight: s.weight, opacity: s.opacity});
    });
  }

  // --- the map ---------------------------------------------------------------------

  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: data.markerImages["marker-icon.png"],
    iconRetinaUrl: data.markerImages["marker-icon-2x.png"],
    shadowUrl: data.markerImages["marker-shadow.png"]
  });

  var map = L.map("map", {zoomSnap: 0.25, zoomDelta: 0.5, minZoom: 3, maxZoom: 20,
                          zoomControl: false});
  L.control.zoom({zoomInTitle: W("Zoom in"), zoomOutTitle: W("Zoom out")}).addTo(map);
  var renderer = data.renderer === "canvas" ? L.canvas({padding: 0.5})
                                             : L.svg({padding: 0.5});
  map.attributionControl.setPrefix("Leaflet");
  data.attribution.forEach(function (text) { map.attributionControl.addAttribution(escapeHtml(text)); });
  if (data.basemap && data.basemap.tiles) {
    // Embedded tiles (data: URIs, keyed "z/x/y"): the page needs no network for them.
    // Beyond the closest embedded zoom Leaflet enlarges its tiles (maxNativeZoom).
    var embedded = data.basemap.tiles;
    var blank = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
    var EmbeddedTiles = L.TileLayer.extend({
      getTileUrl: function (coords) {
        return embedded[coords.z + "/" + coords.x + "/" + coords.y] || blank;
      }
    });
    new EmbeddedTiles("", {
      attribution: escapeHtml(data.basemap.attribution), maxZoom: data.basemap.maxZoom,
      minNativeZoom: data.basemap.minNativeZoom, maxNativeZoom: data.basemap.maxNativeZoom,
      className: "yp-basemap"
    }).addTo(map);
  } else if (data.basemap) {
    L.tileLayer(data.basemap.url, {
      attribution: escapeHtml(data.basemap.attribution), maxZoom: data.basemap.maxZoom
    }).addTo(map);
  }
  // Leaflet's scale bar, with its units in the page's language (米, 千米).
  var Scale = L.Control.Scale.extend({
    _updateMetric: function (maxMeters) {
      var meters = this._getRoundNum(maxMeters);
      var label = meters < 1000 ? meters + " " + W("m") : (meters / 1000) + " " + W("km");
      this._updateScale(this._mScale, label, meters / maxMeters);
    }
  });
  new Scale({metric: true, imperial: false}).addTo(map);

  function openPopup(layerData, row, latlng) {
    var size = map.getSize();  // keep the popup clear of the zoom and layer buttons
    L.popup({maxWidth: Math.min(380, size.x - 160), maxHeight: Math.min(420, size.y - 120),
             autoPanPadding: L.point(56, 12)})
      .setLatLng(latlng)
      .setContent(popupContent(layerData, row))
      .openOn(map);
  }

  // Bottom to top, as in the app. Big layers are drawn by html_canvas.js.
  var clickedBelow = -1;  // the layer whose Leaflet feature took the current click
  var entries = data.layers.map(function (layerData, position) {
    if (layerData.big) {
      var big = new YangpuCanvas.BigLayer(layerData, SCALE);
      if (layerData.visible) big.addTo(map);
      return {data: layerData, group: big, big: true, position: position};
    }
    var group = buildLayer(layerData, renderer);
    group.on("click", function (event) {
      clickedBelow = position;
      openPopup(layerData, event.layer.yangpuRow, event.latlng);
    });
    hoverable(layerData, group);
    if (layerData.visible) group.addTo(map);
    return {data: layerData, group: group, big: false, position: position};
  });
  var bigEntries = entries.filter(function (e) { return e.big; });

  // The topmost big layer's feature at a point: [entry, feature] or null.
  function bigHit(latlng) {
    for (var i = bigEntries.length - 1; i >= 0; i--) {
      var entry = bigEntries[i];
      if (!map.hasLayer(entry.group)) continue;
      var g = entry.group.hit(latlng);
      if (g >= 0) return [entry, g];
    }
    return null;
  }

  map.on("click", function (event) {
    var hit = bigHit(event.latlng), below = clickedBelow;
    clickedBelow = -1;
    if (hit && hit[0].position > below) {
      openPopup(hit[0].data, hit[0].group.index.row[hit[1]], event.latlng);
    }
  });

  // Hover over a big layer: its name in a tooltip, its outline drawn over it.
  var hoverRenderer = L.svg({padding: 0.1}), hovered = null, hoverOutline = null;
  var hoverTip = L.tooltip({direction: "top", offset: [0, -8], className: "yp-tooltip"});
  var hoverQueued = null;
  function hoverAt(latlng) {
    var hit = bigHit(latlng), key = hit ? hit[0].data.id + ":" + hit[1] : null;
    if (key !== hovered) {
      if (hoverOutline) { map.removeLayer(hoverOutline); hoverOutline = null; }
      map.closeTooltip(hoverTip);
      hovered = key;
      map.getContainer().classList.toggle("yp-pointing", !!hit);
      if (hit) {
        var entry = hit[0], rings = entry.group.rings(hit[1]), s = entry.data.style;
        var family = entry.group.index.family[hit[1]];
        var options = {renderer: hoverRenderer, interactive: false, color: HIGHLIGHT,
                       weight: Math.max(s.weight, 1) + 2, opacity: 1, fill: false};
        hoverOutline = family === 0 ? L.polygon(rings, options)
          : family === 1 ? L.polyline(rings, options)
          : L.circleMarker(rings[0][0], L.extend({radius: s.radius + 1}, options));
        hoverOutline.addTo(map);
        hoverTip.setContent(el("span", "yp-tooltip-name",
                               featureNames(entry.data, entry.group.index.row[hit[1]])[0]));
      }
    }
    if (hit) hoverTip.setLatLng(latlng).addTo(map);
  }
  if (bigEntries.length) {
    map.on("mousemove", function (event) {
      if (hoverQueued === null) {
        requestAnimationFrame(function () { var at = hoverQueued; hoverQueued = null; hoverAt(at); });
      }
      hoverQueued = event.latlng;
    });
    map.on("mouseout zoomstart", function () { hoverQueued = null; hovered = "-"; hoverAt(L.latLng(90, 0)); });
  }

  // On a phone-sized screen the controls start folded away, leaving the map visible.
  var roomy = map.getSize().x >= 640;
  function latLngBounds(b) { return L.latLngBounds([b[1], b[0]], [b[3], b[2]]); }

  function zoomTo(b) {
    map.fitBounds(latLngBounds(b), {maxZoom: 18});
  }

  // Leaflet's layer control, with a "zoom to layer" button beside each layer that has
  // features. Leaflet rebuilds its list whenever a layer is switched, hence the override.
  var LayerControl = L.Control.Layers.extend({
    _addItem: function (obj) {
      var label = L.Control.Layers.prototype._addItem.call(this, obj);
      var entry = entries.filter(function (e) { return e.group === obj.layer; })[0];
      if (entry && entry.data.bounds) {
        var button = el("button", "yp-zoom-layer", "\u2922");
        button.type = "button";
        button.title = W("Zoom to layer");
        button.setAttribute("aria-label", W("Zoom to layer") + " " + entry.data.title);
        L.DomEvent.on(button, "click", function (event) {
          L.DomEvent.stop(event);  // inside the label: would also switch the layer
          zoomTo(entry.data.bounds);
        });
        label.firstChild.appendChild(button);
      }
      return label;
    }
  });

  function countLabel(layerData) {
    if (!layerData.drawn) return W("empty");
    var text = layerData.drawn.toLocaleString("en-US");
    if (layerData.dropped) {
      text += W(", ") + W("{n} without geometry left out").replace(
        "{n}", layerData.dropped.toLocaleString("en-US"));
    }
    return text;
  }

  var layerControl = new LayerControl(null, null, {collapsed: !roomy, position: "topright"});
  entries.slice().reverse().forEach(function (entry) {
    var label = escapeHtml(entry.data.title) +
      ' <span class="yp-count' + (entry.data.drawn ? "" : " yp-empty") + '">(' +
      escapeHtml(countLabel(entry.data)) + ")</span>";
    layerControl.addOverlay(entry.group, label);
  });
  layerControl.addTo(map);

  // Every layer's extent together: the "whole map" button's view.
  var wholeMap = null;
  entries.forEach(function (entry) {
    if (!entry.data.bounds) return;
    var b = latLngBounds(entry.data.bounds);
    wholeMap = wholeMap ? wholeMap.extend(b) : b;
  });
  var wholeControl = L.control({position: "topleft"});
  wholeControl.onAdd = function () {
    var box = el("div", "leaflet-bar yp-whole-map");
    var button = el("a", null, "\u2302");
    button.href = "#";
    button.setAttribute("role", "button");
    button.title = W("Whole map");
    button.setAttribute("aria-label", W("Whole map"));
    L.DomEvent.on(button, "click", function (event) {
      L.DomEvent.stop(event);
      if (wholeMap) map.fitBounds(wholeMap);
    });
    box.appendChild(button);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  if (wholeMap) wholeControl.addTo(map);

  var legend = L.control({position: "bottomleft"});
  var legendBox;
  legend.onAdd = function () {
    legendBox = el("details", "yp-legend");
    legendBox.open = roomy;
    L.DomEvent.disableClickPropagation(legendBox);
    L.DomEvent.disableScrollPropagation(legendBox);
    return legendBox;
  };
  legend.addTo(map);

  function refreshLegend() {
    legendBox.replaceChildren(el("summary", "yp-legend-title", W("Legend")));
    entries.slice().reverse().forEach(function (entry) {
      var item = legendLayer(entry);
      if (!map.hasLayer(entry.group)) item.classList.add("yp-off");
      legendBox.appendChild(item);
    });
  }

  // A layer switched back on is re-added on top; restore the app's order.
  map.on("overlayadd", function () {
    entries.forEach(function (entry) {
      if (map.hasLayer(entry.group)) entry.group.bringToFront();
    });
    refreshLegend();
  });
  map.on("overlayremove", refreshLegend);
  refreshLegend();

  // Search: zoom to the feature and open its popup.
  function showFeature(entry, row) {
    var bounds, at;
    if (entry.big) {
      var g = entry.group.index ? entry.group.index.byRow[row] : undefined;
      if (g === undefined) return;
      bounds = entry.group.featureBounds(g);
      at = bounds.getCenter();
    } else {
      var feature = entry.group.yangpuByRow[row];
      if (!feature) return;
      bounds = feature.getBounds ? feature.getBounds() : L.latLngBounds([feature.getLatLng()]);
      at = feature.getCenter ? feature.getCenter() : bounds.getCenter();
    }
    if (!map.hasLayer(entry.group)) entry.group.addTo(map);
    // At once, not animated: the popup opened next then pans itself fully into view.
    map.fitBounds(bounds, {maxZoom: 17, padding: [40, 40], animate: false});
    if (entry.data.labels) {
      var k = entry.data.labels.rows.indexOf(row);
      if (k >= 0) at = L.latLng(entry.data.labels.anchor[2 * k + 1] / SCALE,
                                entry.data.labels.anchor[2 * k] / SCALE);
    }
    openPopup(entry.data, row, at);
  }
  YangpuLabels.setWords(data.words);
  YangpuLabels.searchControl(map, entries, featureNames, showFeature, cell);
  var labels = YangpuLabels.create(map, entries, SCALE);

  var b = data.bounds;
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  labels.place();

  // Every big layer on the map done painting the current view, then job().
  function whenDrawn(job) {
    var left = bigEntries.filter(function (e) { return map.hasLayer(e.group); });
    var waiting = left.length;
    if (!waiting) return job();
    left.forEach(function (e) { e.group.whenDrawn(function () { if (--waiting === 0) job(); }); });
  }

  window.yangpuExport = {
    map: map,
    layers: entries.map(function (e) {
      return {
        id: e.data.id, title: e.data.title, group: e.group, big: e.big,
        get count() { return e.big ? e.group.count : e.group.getLayers().length; }
      };
    }),
    zoomTo: zoomTo,
    whenDrawn: whenDrawn,
    drawn: false
  };
  // Leaflet's renderers paint on the next animation frame; report "drawn" after that one.
  whenDrawn(function () {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { window.yangpuExport.drawn = true; });
    });
  });
})();
