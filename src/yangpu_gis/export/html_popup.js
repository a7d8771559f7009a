/* Yangpu GIS HTML map: text for the page (values, times, figures) and the popups,
 * which show what the desktop's facts panel shows, built from text nodes only.
 * html_map.js makes one with the page's data: YangpuPopups(data). */
var YangpuPopups = function (data) {
  "use strict";

  var LANG = (document.documentElement.lang || "en").slice(0, 2);

  // The page's own words in its language (data.words, from model.page_words); an
  // English page carries none and shows the keys, which are its English words.
  var WORDS = data.words || {};
  function W(text) { return Object.prototype.hasOwnProperty.call(WORDS, text) ? WORDS[text] : text; }

  // --- small helpers ---------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return HTML_ESCAPES[c]; });
  }

  function groupThousands(text) {
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  // The rules of Fact.display_value, for the computed figures sent as numbers.
  function formatFigure(value, unit) {
    var text = Number.isInteger(value) ? groupThousands(String(value))
                                       : groupThousands(value.toFixed(2));
    return unit ? text + " " + unit : text;
  }

  // ISO text from html_values.time_text, for the page's language: the wall-clock time
  // in the source's zone, with that zone stated; a date alone stays a date.
  var ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/;
  function formatTime(text) {
    var m = ISO_TIME.exec(text);
    if (!m) return text;
    var wall = new Date(m[1] + "T" + (m[2] || "00") + ":" + (m[3] || "00") + ":" +
                        (m[4] || "00") + (m[5] || "") + "Z");
    if (isNaN(wall.getTime())) return text;
    var options = {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"};
    if (m[2]) {
      options.hour = "2-digit";
      options.minute = "2-digit";
      options.hourCycle = "h23";
      if (m[4] && m[4] !== "00") options.second = "2-digit";
    }
    var out = new Intl.DateTimeFormat(LANG === "zh" ? "zh-CN" : "en-GB", options).format(wall);
    if (m[6]) out += m[6] === "Z" ? " UTC" : " UTC" + m[6];
    return out;
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // --- popups: the facts panel's content, built from text nodes -----------------------

  function cell(layerData, column, row) {
    if (column < 0) return null;
    var values = layerData.values[column];
    if (values.time) return values.time[row] === null ? null : formatTime(values.time[row]);
    if (values.codes) return values.dict[values.codes[row]];  // html_packing.coded
    return values[row];
  }

  // As the facts panel writes attribute values.
  function valueText(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? W("yes") : W("no");
    return String(value);
  }

  // The name; without one the id ("Plots 1234"); the row only when neither is there.
  function featureName(layerData, row) {
    var value = cell(layerData, layerData.popup.name, row);
    if (value !== null && value !== undefined && String(value).trim()) return String(value);
    var id = cell(layerData, layerData.popup.id === undefined ? -1 : layerData.popup.id, row);
    if (id !== null && id !== undefined && String(id).trim()) return layerData.title + " " + id;
    return layerData.title + " #" + (row + 1);
  }

  // A feature's names, the page's language first: a Chinese page names an embedded
  // feature by its Chinese name, with the English one second (null when there is none).
  function featureNames(layerData, row) {
    var name = featureName(layerData, row);
    var nameZh = cell(layerData, layerData.popup.nameZh, row);
    var names = LANG === "zh" && nameZh ? [String(nameZh), name] : [name, nameZh];
    return [names[0], names[1] && String(names[1]) !== names[0] ? String(names[1]) : null];
  }

  function sourceName(id) {
    return (data.sources[id] || {name: id}).name;
  }

  function keyValueTable(rows) {
    var table = el("table", "yp-table");
    rows.forEach(function (pair) {
      var tr = table.insertRow();
      tr.appendChild(el("th", null, pair[0]));
      tr.appendChild(el("td", null, pair[1]));
    });
    return table;
  }

  function factBlock(fact) {
    var block = el("div", "yp-fact");
    block.appendChild(el("div", "yp-fact-label", fact[0]));
    block.appendChild(el("div", "yp-fact-value", fact[1]));
    var when = [fact[2], sourceName(fact[3])].filter(Boolean).join(" · ");
    block.appendChild(el("div", "yp-fact-when", when));
    if (fact[4]) block.appendChild(el("div", "yp-fact-note", fact[4]));
    return block;
  }

  function section(box, heading, content) {
    box.appendChild(el("h3", null, heading));
    box.appendChild(content);
  }

  function popupContent(layerData, row) {
    var layout = layerData.popup, box = el("div", "yp-popup");
    // A Chinese page titles a feature by its Chinese name, with the English one under it.
    var names = featureNames(layerData, row);
    box.appendChild(el("h2", "yp-popup-name", names[0]));
    if (names[1]) box.appendChild(el("p", "yp-popup-zh", names[1]));
    var category = cell(layerData, layout.category, row);
    box.appendChild(el("p", "yp-popup-meta",
                       [W(valueText(category)), layerData.title].filter(Boolean).join(" · ")));
    var summary = cell(layerData, layout.summaryZh === undefined ? -1 : layout.summaryZh, row) ||
                  cell(layerData, layout.summary, row);
    if (summary) box.appendChild(el("p", "yp-popup-summary", summary));

    if (layout.attributes.length) {
      section(box, W("Attributes"), keyValueTable(layout.attributes.map(function (a) {
        return [a[0], valueText(cell(layerData, a[1], row))];
      })));
    }
    var facts = layerData.facts.sourced ? layerData.facts.sourced[row] : [];
    if (facts.length) {
      var list = el("div", "yp-facts");
      facts.forEach(function (fact) { list.appendChild(factBlock(fact)); });
      section(box, W("Facts"), list);
    }
    var measured = [];
    layerData.facts.computed.forEach(function (figure) {
      var value = figure.values[row];
      if (value !== null && value !== undefined) {
        measured.push([figure.label, formatFigure(value, figure.unit)]);
      }
    });
    if (measured.length) section(box, W("Measured on the map"), keyValueTable(measured));
    var position = layout.position.map(function (p) {
      return [p[0], valueText(cell(layerData, p[1], row))];
    }).filter(function (p) { return p[1] !== ""; });
    if (position.length) section(box, W("Position"), keyValueTable(position));

    var cited = [];
    facts.forEach(function (fact) { if (cited.indexOf(fact[3]) < 0) cited.push(fact[3]); });
    if (measured.length) cited.push(data.computedSource);
    if (cited.length) {
      var sources = el("ol", "yp-sources");
      cited.forEach(function (id) {
        sources.appendChild(el("li", null, (data.sources[id] || {citation: id}).citation));
      });
      section(box, W("Sources"), sources);
    }
    return box;
  }

  return {
    W: W,
    el: el, escapeHtml: escapeHtml, rgba: rgba, cell: cell, valueText: valueText,
    featureName: featureName, featureNames: featureNames, popupContent: popupContent
  };
};
