// The press office's alert page: the live feed (Server-Sent Events), each alert's evidence, acknowledge / resolve,
// and a trend chart per hot topic. Every text from the server goes in through textContent, never as markup.
"use strict";

(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const NAME_KEY = "responsebot.alerts.operator";
  const KINDS = { spike: "负面激增", repeats: "重复投诉", escalation: "升级风险词", very_negative: "强烈负面" };
  const STATUSES = { new: "新", acknowledged: "已确认", resolved: "已解决" };
  const CHANNELS = { wechat: "微信", hotline: "12345热线", api: "接口" };
  const STATISTICS = { "poisson-z": "泊松 z" };
  const timeFormat = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
  });
  const hourFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", hour12: false });
  const dayFormat = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric" });

  const alerts = new Map();
  const list = document.getElementById("alerts");
  const statusFilter = document.getElementById("status-filter");

  // ---- small DOM helpers -------------------------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function time(value) {
    return value ? timeFormat.format(new Date(value)) : "";
  }

  function number(value, digits) {
    return typeof value === "number" ? value.toFixed(digits) : "—";
  }

  function showError(node, message) {
    node.textContent = message || "";
    node.hidden = !message;
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      if (problem.alertStatus) {
        return `该预警当前状态为「${STATUSES[problem.alertStatus] || problem.alertStatus}」，不能执行此操作。`;
      }
      return problem.detail || problem.title || `服务器返回 ${response.status}`;
    } catch {
      return `服务器返回 ${response.status}`;
    }
  }

  // ---- the operator's name -------------------------------------------------------------------------------------

  const dialog = document.getElementById("operator-dialog");
  const nameInput = document.getElementById("operator-input");
  const nameError = document.getElementById("operator-error");
  let pendingName = null;

  function storedName() {
    try {
      return localStorage.getItem(NAME_KEY) || "";
    } catch {
      return "";
    }
  }

  function showName() {
    document.getElementById("operator-name").textContent = storedName() || "未设置";
  }

  function askName() {
    return new Promise((resolve) => {
      pendingName = resolve;
      nameInput.value = storedName();
      showError(nameError, "");
      dialog.showModal();
      nameInput.focus();
    });
  }

  function closeName(name) {
    if (dialog.open) dialog.close();
    const resolve = pendingName;
    pendingName = null;
    if (resolve) resolve(name);
  }

  document.getElementById("operator-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (name.length < 1 || name.length > 40) {
      showError(nameError, "请输入 1–40 个字的姓名。");
      return;
    }
    try {
      localStorage.setItem(NAME_KEY, name);
    } catch {
      // Private windows may refuse storage: the name still serves this action.
    }
    showName();
    closeName(name);
  });
  document.getElementById("operator-cancel").addEventListener("click", () => closeName(null));
  dialog.addEventListener("cancel", () => closeName(null));
  document.getElementById("operator-change").addEventListener("click", () => askName());

  async function operatorName() {
    return storedName() || (await askName());
  }

  // ---- alert cards -------------------------------------------------------------------------------------------

  function seriesChart(alert) {
    const series = alert.evidence.series || [];
    if (series.length === 0) return null;
    const width = 480;
    const height = 120;
    const left = 30;
    const bottom = 20;
    const top = 8;
    const plotWidth = width - left - 6;
    const plotHeight = height - top - bottom;
    const max = Math.max(1, ...series.map((p) => p.total));
    const step = plotWidth / series.length;
    const titleId = `chart-${alert.id}`;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId });
    chart.append(svg("title", { id: titleId },
      `${alert.title}：${series.length} 个时段的咨询量与负面数，最高 ${max} 条`));
    const windowStart = Date.parse(alert.evidence.windowStart);
    const windowEnd = Date.parse(alert.evidence.windowEnd);
    series.forEach((point, i) => {
      const start = Date.parse(point.start);
      const x = left + i * step;
      if (start >= windowStart && start < Math.max(windowEnd, windowStart + 1)) {
        chart.append(svg("rect", { class: "window", x, y: top, width: step, height: plotHeight }));
      }
      const totalHeight = (point.total / max) * plotHeight;
      const negativeHeight = (point.negative / max) * plotHeight;
      chart.append(svg("rect", {
        class: "volume", x: x + step * 0.1, y: top + plotHeight - totalHeight, width: step * 0.8, height: totalHeight,
      }));
      chart.append(svg("rect", {
        class: "negative", x: x + step * 0.1, y: top + plotHeight - negativeHeight, width: step * 0.8, height: negativeHeight,
      }));
    });
    chart.append(svg("line", { class: "axis", x1: left, y1: top + plotHeight, x2: width - 6, y2: top + plotHeight }));
    chart.append(svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: top + plotHeight }));
    chart.append(svg("text", { x: left - 4, y: top + 8, "text-anchor": "end", "font-size": 10 }, String(max)));
    chart.append(svg("text", { x: left - 4, y: top + plotHeight, "text-anchor": "end", "font-size": 10 }, "0"));
    chart.append(svg("text", { x: left, y: height - 4, "font-size": 10 }, time(series[0].start)));
    chart.append(svg("text", { x: width - 6, y: height - 4, "text-anchor": "end", "font-size": 10 },
      time(series[series.length - 1].start)));
    return el("figure", {}, chart, el("figcaption", { text: "灰色：咨询量；红色：负面数；浅黄：预警窗口（北京时间）" }));
  }

  function evidenceList(alert) {
    const evidence = alert.evidence;
    const items = [["计数", String(evidence.count)]];
    if (evidence.baseline !== undefined && evidence.baseline !== null) items.push(["基线", number(evidence.baseline, 1)]);
    if (evidence.statistic !== undefined && evidence.statistic !== null) {
      items.push([STATISTICS[evidence.statisticName] || evidence.statisticName || "统计量", number(evidence.statistic, 2)]);
    }
    items.push(["窗口", `${time(evidence.windowStart)} – ${time(evidence.windowEnd)}`]);
    return el("dl", { className: "evidence" },
      ...items.map(([term, value]) => el("div", {}, el("dt", { text: term }), el("dd", { text: value }))));
  }

  function samplesBlock(alert) {
    const samples = alert.evidence.samples || [];
    if (samples.length === 0) return null;
    const items = samples.map((sample) => el("li", {},
      el("span", {
        className: "sample-meta",
        text: `${time(sample.at)} · ${CHANNELS[sample.channel] || sample.channel} · 负面概率 ${number(sample.negativeProbability, 2)}`,
      }),
      el("span", { className: "sample-text", text: sample.text })));
    return el("details", { className: "samples-block" },
      el("summary", { text: `样例咨询（已脱敏，${samples.length} 条）` }),
      el("ul", { className: "samples" }, ...items));
  }

  function card(alert) {
    const headingId = `title-${alert.id}`;
    const tags = el("div", { className: "tags" },
      el("span", { className: "badge", "data-status": alert.status, text: STATUSES[alert.status] || alert.status }),
      el("span", { className: "tag", text: KINDS[alert.kind] || alert.kind }),
      alert.topicName || alert.topic ? el("span", { className: "tag", text: alert.topicName || alert.topic }) : null);
    const meta = [`编号 ${alert.id}`, `首次 ${time(alert.raisedAt)}`, `更新 ${time(alert.updatedAt)}`, `第 ${alert.revision} 版`];
    if (alert.departmentName || alert.department) meta.push(`牵头处室：${alert.departmentName || alert.department}`);
    const handled = [];
    if (alert.acknowledgedBy) handled.push(`确认：${alert.acknowledgedBy}（${time(alert.acknowledgedAt)}）`);
    if (alert.resolvedBy) handled.push(`解决：${alert.resolvedBy}（${time(alert.resolvedAt)}）`);
    const terms = alert.evidence.terms || [];
    const actionError = el("p", { className: "error action-error", role: "alert" });
    actionError.hidden = true;
    const ack = el("button", { type: "button", className: "ack", text: "确认" });
    const resolve = el("button", { type: "button", className: "resolve", text: "解决" });
    ack.disabled = alert.status !== "new";
    resolve.disabled = alert.status === "resolved";
    ack.addEventListener("click", () => act(alert.id, "ack", actionError, [ack, resolve]));
    resolve.addEventListener("click", () => act(alert.id, "resolve", actionError, [ack, resolve]));
    ack.setAttribute("aria-describedby", headingId);
    resolve.setAttribute("aria-describedby", headingId);

    const item = el("li", { className: "alert", id: `alert-${alert.id}`, "data-status": alert.status, "data-id": alert.id },
      el("article", { "aria-labelledby": headingId },
        tags,
        el("h3", { id: headingId, text: alert.title }),
        el("p", { className: "meta", text: meta.join(" · ") }),
        el("p", { className: "summary", text: alert.summary }),
        evidenceList(alert),
        seriesChart(alert),
        terms.length > 0
          ? el("p", { className: "terms" }, "匹配词：", ...terms.map((term) => el("span", { className: "tag", text: term })))
          : null,
        samplesBlock(alert),
        handled.length > 0 ? el("p", { className: "handled", text: handled.join("；") }) : null,
        el("div", { className: "actions" }, ack, resolve),
        actionError));
    item.hidden = statusFilter.value !== "" && statusFilter.value !== alert.status;
    return item;
  }

  // Keeps the newest revision of each alert; a new alert goes to the top, a changed one is redrawn where it is.
  function upsert(alert, fresh) {
    const known = alerts.get(alert.id);
    if (known && known.revision > alert.revision) return;
    alerts.set(alert.id, alert);
    const node = card(alert);
    const existing = document.getElementById(`alert-${alert.id}`);
    const wasOpen = existing?.querySelector("details")?.open;
    if (wasOpen) node.querySelector("details").open = true;
    if (existing) existing.replaceWith(node);
    else if (fresh) list.prepend(node);
    else list.append(node);
    if (fresh) node.classList.add("fresh");
    document.getElementById("feed-empty").hidden = alerts.size > 0;
  }

  async function act(id, action, errorNode, buttons) {
    showError(errorNode, "");
    const by = await operatorName();
    if (!by) return;
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const response = await fetch(`/api/alerts/${encodeURIComponent(id)}/${action}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ by }),
      });
      if (response.ok) {
        upsert(await response.json(), false);
        return;
      }
      const message = await problemText(response);
      const current = document.getElementById(`alert-${id}`)?.querySelector(".action-error") || errorNode;
      showError(current, `${action === "ack" ? "确认" : "解决"}失败：${message}`);
      if (response.status === 409) await refresh(id);
    } catch {
      showError(errorNode, "网络错误，操作未完成，请稍后重试。");
    }
    const alert = alerts.get(id);
    if (alert) {
      const node = document.getElementById(`alert-${id}`);
      node.querySelector("button.ack").disabled = alert.status !== "new";
      node.querySelector("button.resolve").disabled = alert.status === "resolved";
    }
  }

  async function refresh(id) {
    const response = await fetch(`/api/alerts/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
    if (response.ok) upsert(await response.json(), false);
  }

  async function loadAlerts() {
    const error = document.getElementById("feed-error");
    try {
      const response = await fetch("/api/alerts?limit=200", { headers: { Accept: "application/json" } });
      if (!response.ok) {
        showError(error, `预警列表加载失败：${await problemText(response)}`);
        return;
      }
      const body = await response.json();
      showError(error, "");
      for (const alert of body.alerts) upsert(alert, false);
      document.getElementById("feed-empty").hidden = alerts.size > 0;
    } catch {
      showError(error, "预警列表加载失败：网络错误。");
    }
  }

  statusFilter.addEventListener("change", () => {
    for (const node of list.children) {
      node.hidden = statusFilter.value !== "" && statusFilter.value !== node.dataset.status;
    }
  });

  // ---- live feed ---------------------------------------------------------------------------------------------

  function follow() {
    const connection = document.getElementById("connection");
    const source = new EventSource("/api/alerts/stream");
    source.addEventListener("open", () => {
      connection.dataset.state = "live";
      connection.textContent = "实时推送已连接";
    });
    source.addEventListener("error", () => {
      connection.dataset.state = "broken";
      connection.textContent = "实时推送中断，正在重连…";
    });
    source.addEventListener("alert", (event) => {
      try {
        const data = JSON.parse(event.data);
        upsert(data.alert, data.change === "raised");
      } catch {
        // A damaged event is skipped; the next change of that alert redraws it.
      }
    });
  }

  // ---- trends ------------------------------------------------------------------------------------------------

  function trendChart(topic, bucket) {
    const points = topic.points;
    const width = 560;
    const height = 224;
    const left = 44;
    const right = 44;
    const top = 28;
    const bottom = 34;
    const plotWidth = width - left - right;
    const plotHeight = height - top - bottom;
    // A multiple of 4, so the four gridlines fall on whole numbers.
    const max = Math.max(4, Math.ceil(Math.max(0, ...points.map((p) => p.total)) / 4) * 4);
    const step = plotWidth / Math.max(1, points.length);
    const titleId = `trend-${topic.code}`;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId });
    const share = topic.total > 0 ? Math.round((topic.negative / topic.total) * 100) : 0;
    chart.append(svg("title", { id: titleId },
      `${topic.name}：共 ${topic.total} 条咨询，负面 ${topic.negative} 条（${share}%）`));

    for (let i = 0; i <= 4; i++) {
      const y = top + plotHeight - (i / 4) * plotHeight;
      chart.append(svg("line", { class: "grid", x1: left, y1: y, x2: left + plotWidth, y2: y }));
      chart.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11 }, String((max * i) / 4)));
      chart.append(svg("text", { x: left + plotWidth + 6, y: y + 4, "font-size": 11 }, `${i * 25}%`));
    }

    const line = [];
    const labelEvery = Math.max(1, Math.ceil(points.length / 8));
    points.forEach((point, i) => {
      const x = left + i * step;
      const totalHeight = (point.total / max) * plotHeight;
      const negativeHeight = (point.negative / max) * plotHeight;
      const bar = svg("rect", {
        class: "volume", x: x + step * 0.15, y: top + plotHeight - totalHeight, width: step * 0.7, height: totalHeight,
      });
      bar.append(svg("title", {}, `${time(point.start)}：${point.total} 条，负面 ${point.negative} 条`));
      chart.append(bar);
      chart.append(svg("rect", {
        class: "negative", x: x + step * 0.15, y: top + plotHeight - negativeHeight, width: step * 0.7, height: negativeHeight,
      }));
      line.push(`${x + step / 2},${top + plotHeight - point.negativeShare * plotHeight}`);
      if (i % labelEvery === 0) {
        const date = new Date(point.start);
        const label = bucket === "hour" ? `${hourFormat.format(date)}时` : dayFormat.format(date);
        chart.append(svg("text", { x: x + step / 2, y: top + plotHeight + 16, "text-anchor": "middle", "font-size": 11 }, label));
      }
    });
    if (line.length > 0) {
      chart.append(svg("polyline", { class: "share", points: line.join(" ") }));
      for (const point of line) {
        const [cx, cy] = point.split(",");
        chart.append(svg("circle", { class: "share-dot", cx, cy, r: 2.5 }));
      }
    }

    chart.append(svg("line", { class: "axis", x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight }));
    chart.append(svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: top + plotHeight }));
    chart.append(svg("line", { class: "axis", x1: left + plotWidth, y1: top, x2: left + plotWidth, y2: top + plotHeight }));
    chart.append(svg("text", { x: 4, y: 12, "font-size": 11 }, "咨询量（条）"));
    chart.append(svg("text", { x: width - 4, y: 12, "text-anchor": "end", "font-size": 11 }, "负面占比"));
    chart.append(svg("text", { x: left + plotWidth / 2, y: height - 4, "text-anchor": "middle", "font-size": 11 },
      bucket === "hour" ? "时间（北京时间，按小时）" : "日期（北京时间，按天）"));

    return el("article", { className: "trend", "data-topic": topic.code },
      el("h3", {}, el("span", { text: topic.name }),
        el("small", { text: `共 ${topic.total} 条 · 负面 ${topic.negative} 条（${share}%）` })),
      chart);
  }

  async function loadTrends() {
    const days = document.getElementById("trend-days").value;
    const error = document.getElementById("trends-error");
    const container = document.getElementById("trends");
    try {
      const response = await fetch(`/api/alerts/trends?days=${encodeURIComponent(days)}`, { headers: { Accept: "application/json" } });
      if (!response.ok) {
        showError(error, `趋势加载失败：${await problemText(response)}`);
        return;
      }
      const body = await response.json();
      showError(error, "");
      container.replaceChildren(...body.topics.map((topic) => trendChart(topic, body.bucket)));
    } catch {
      showError(error, "趋势加载失败：网络错误。");
    }
  }

  document.getElementById("trend-days").addEventListener("change", loadTrends);

  showName();
  follow();
  loadAlerts();
  loadTrends();
  // The trend moves with every inquiry; a minute is fresh enough for a chart.
  setInterval(loadTrends, 60000);
})();
