using System.Globalization;
using System.Net;
using System.Text;
using ResponseBot.Bot.Privacy;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Output;

/// <summary>
/// The <c>eval classify --report</c> page: one self-contained UTF-8 HTML file (no scripts, no external files) with
/// the headline numbers, each label's per-class table, its confusion matrix drawn as an SVG heat map, and the
/// misclassified inquiries with personal data masked. Every piece of text from data or models is HTML-escaped.
/// </summary>
internal static class ClassifyReportHtml
{
    /// <summary>The most misclassified inquiries listed; a file with more says how many were left out.</summary>
    public const int MaxMistakes = 1000;

    private const int Cell = 46;
    private const int FontSize = 12;

    // Matrix cells are shaded by their share of the row (the true class), so a rare class reads as clearly as a common
    // one: right answers in blue on the diagonal, confusions in red off it.
    private const string RightHue = "33, 102, 172";
    private const string WrongHue = "202, 0, 32";

    private const string Style = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
               margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; line-height: 1.5; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
        .meta { color: #555; }
        .headline { display: flex; gap: 1rem; flex-wrap: wrap; padding: 0; }
        .headline div { border: 1px solid #ddd; border-radius: 6px; padding: .5rem 1rem; min-width: 9rem; }
        .headline dt { color: #555; font-size: .85rem; } .headline dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
        table { border-collapse: collapse; margin: 1rem 0; }
        th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        td.na { color: #999; text-align: right; }
        tr.absent td { color: #999; }
        .wrong { color: #ca0020; } .code { color: #666; font-size: .85em; }
        figure { margin: 1rem 0; overflow-x: auto; } figcaption { color: #555; font-size: .9rem; }
        .note { color: #555; font-size: .9rem; }
        """;

    /// <summary>Writes the page for <paramref name="report"/> to <paramref name="path"/> (UTF-8, no byte-order mark).</summary>
    public static void Write(string path, ClassifyReport report, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, Render(report, generatedAt), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The whole page as a string.</summary>
    public static string Render(ClassifyReport report, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var evaluation = report.Evaluation;
        var html = new StringBuilder();
        var title = $"分类评估报告 · {Path.GetFileName(report.DataPath)}";
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"zh-CN\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine($"<title>{E(title)}</title>");
        html.AppendLine($"<style>\n{Style}\n</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");
        html.AppendLine($"<h1>{E(title)}</h1>");
        html.AppendLine(
            $"<p class=\"meta\">数据 {E(report.DataPath)}：{evaluation.Count} 条询问。知识库 {E(report.KnowledgeBasePath)}" +
            $"（{report.KnowledgeEntries} 条已发布）确信作答 {evaluation.Hinted} 条，其条目所属处室按产品规则计入分派。" +
            $"生成于 {E(generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}。</p>");
        foreach (var block in report.Blocks)
        {
            WriteBlock(html, block);
        }

        WriteMistakes(html, report);
        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    /// <summary>The confusion matrix of <paramref name="block"/> as an SVG heat map with counts and axis labels.</summary>
    public static string ConfusionSvg(ClassifyBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var metrics = block.Metrics;
        var labels = metrics.Labels.Select(block.Display).ToList();
        var n = labels.Count;
        // Room for the longest label: about half the font size per narrow cell, a whole one per Chinese character.
        var labelWidth = (labels.Max(Cells) * FontSize * 0.6) + 16;
        // Column labels slant up and to the right at 40°: they need sin 40° of their length above the grid and
        // cos 40° to the right of their column.
        var left = Math.Ceiling(labelWidth) + 24;
        var top = Math.Ceiling(labelWidth * 0.65) + 30;
        var width = left + (n * Cell) + Math.Max(16, Math.Ceiling((labelWidth * 0.77) - (Cell / 2.0)) + 8);
        var height = top + (n * Cell) + 16;
        var svg = new StringBuilder();
        svg.AppendLine(
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" " +
            $"font-size=\"{FontSize}\" role=\"img\" aria-label=\"{E(block.Title)} 混淆矩阵\">");
        svg.AppendLine(
            $"<text x=\"{N(left + (n * Cell / 2.0))}\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">预测 predicted</text>");
        svg.AppendLine(
            $"<text transform=\"translate(12 {N(top + (n * Cell / 2.0))}) rotate(-90)\" text-anchor=\"middle\" font-weight=\"bold\">真实 truth</text>");
        for (var j = 0; j < n; j++)
        {
            var x = left + (j * Cell) + (Cell / 2.0);
            svg.AppendLine($"<text transform=\"translate({N(x)} {N(top - 6)}) rotate(-40)\" text-anchor=\"start\">{E(labels[j])}</text>");
        }

        for (var i = 0; i < n; i++)
        {
            var row = metrics.Confusion[i];
            var total = row.Sum();
            var y = top + (i * Cell);
            svg.AppendLine($"<text x=\"{N(left - 6)}\" y=\"{N(y + (Cell / 2.0) + 4)}\" text-anchor=\"end\">{E(labels[i])}</text>");
            for (var j = 0; j < n; j++)
            {
                var count = row[j];
                var share = total == 0 ? 0 : (double)count / total;
                var x = left + (j * Cell);
                var fill = count == 0 ? "#f4f4f4" : $"rgba({(i == j ? RightHue : WrongHue)}, {N(0.15 + (0.85 * share))})";
                var ink = share > 0.55 ? "#fff" : count == 0 ? "#bbb" : "#222";
                svg.AppendLine(
                    $"<g><title>{E($"真实 {labels[i]} → 预测 {labels[j]}：{count} 条（占该类 {Percent(share)}）")}</title>" +
                    $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{Cell - 2}\" height=\"{Cell - 2}\" fill=\"{fill}\"/>" +
                    $"<text x=\"{N(x + ((Cell - 2) / 2.0))}\" y=\"{N(y + ((Cell - 2) / 2.0) + 4)}\" text-anchor=\"middle\" fill=\"{ink}\">{count}</text></g>");
            }
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void WriteBlock(StringBuilder html, ClassifyBlock block)
    {
        var metrics = block.Metrics;
        html.AppendLine($"<section id=\"{E(block.Key)}\">");
        html.AppendLine($"<h2>{E(block.Title)} <small>（{metrics.Count} 条有标注）</small></h2>");
        html.AppendLine("<dl class=\"headline\">");
        foreach (var headline in block.Headlines)
        {
            html.AppendLine($"<div><dt>{E(headline.Title)}</dt><dd>{E(headline.Formatted)}</dd></div>");
        }

        html.AppendLine("</dl>");
        html.AppendLine("<table class=\"classes\">");
        html.AppendLine(
            "<thead><tr><th>类别 class</th><th class=\"n\">precision</th><th class=\"n\">recall</th><th class=\"n\">F1</th>" +
            "<th class=\"n\">support</th><th class=\"n\">predicted</th></tr></thead>");
        html.AppendLine("<tbody>");
        foreach (var c in metrics.Classes)
        {
            var scores = ClassifyReportWriter.ScoreCells(c).Select(s => s == ClassifyReportWriter.NotApplicable
                ? $"<td class=\"na\">{E(s)}</td>"
                : $"<td class=\"n\">{E(s)}</td>");
            html.AppendLine(
                $"<tr{(c.Occurs ? "" : " class=\"absent\"")}><td>{Label(block, c.Label)}</td>{string.Concat(scores)}" +
                $"<td class=\"n\">{c.Support}</td><td class=\"n\">{c.PredictedCount}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        html.AppendLine(
            $"<p class=\"note\">macro-F1 为出现过（真实或预测）的 {metrics.Classes.Count(c => c.Occurs)} 个类别的 F1 平均值；" +
            $"“{ClassifyReportWriter.NotApplicable}”表示该类别在本文件中既无真实样本也无预测。</p>");
        html.AppendLine("<figure>");
        html.Append(ConfusionSvg(block));
        html.AppendLine($"<figcaption>{E(block.Title)} 混淆矩阵：行为真实类别，列为预测类别；颜色深浅为占该行（真实类别）的比例，蓝色为正确，红色为错分。</figcaption>");
        html.AppendLine("</figure>");
        html.AppendLine("</section>");
    }

    private static void WriteMistakes(StringBuilder html, ClassifyReport report)
    {
        var mistakes = report.Evaluation.Inquiries.Where(i => i.IsMistaken).ToList();
        html.AppendLine("<section id=\"mistakes\">");
        html.AppendLine($"<h2>错分样例 Misclassified <small>（{mistakes.Count} 条；文本已脱敏）</small></h2>");
        if (mistakes.Count == 0)
        {
            html.AppendLine("<p>没有错分的询问。</p>");
            html.AppendLine("</section>");
            return;
        }

        html.AppendLine("<table class=\"mistakes\">");
        html.AppendLine("<thead><tr><th class=\"n\">#</th><th>询问 text</th><th>错在 wrong labels (真实 → 预测)</th><th>分派依据 routing</th></tr></thead>");
        html.AppendLine("<tbody>");
        var number = 0;
        foreach (var item in mistakes.Take(MaxMistakes))
        {
            number++;
            var wrong = new List<string>();
            foreach (var block in report.Blocks)
            {
                var (expected, predicted) = block.Key switch
                {
                    "sentiment" => (item.Inquiry.Sentiment, item.Analysis.Sentiment),
                    "topic" => (item.Inquiry.Topic, item.PredictedTopic),
                    _ => (item.Inquiry.Department, item.Analysis.Routing.Department),
                };
                if (expected is not null && expected != predicted)
                {
                    wrong.Add($"<span class=\"wrong\">{E(block.Key)}</span>：{Label(block, expected)} → {Label(block, predicted)}");
                }
            }

            html.AppendLine(
                $"<tr><td class=\"n\">{number}</td><td>{E(PersonalData.Mask(item.Inquiry.Text))}</td>" +
                $"<td>{string.Join("<br>", wrong)}</td><td>{E(PersonalData.Mask(item.Analysis.Routing.Explanation))}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        if (mistakes.Count > MaxMistakes)
        {
            html.AppendLine($"<p class=\"note\">只列出前 {MaxMistakes} 条，另有 {mistakes.Count - MaxMistakes} 条未列出。</p>");
        }

        html.AppendLine("</section>");
    }

    private static string Label(ClassifyBlock block, string code) =>
        block.Names.TryGetValue(code, out var name)
            ? $"{E(name)} <span class=\"code\">{E(code)}</span>"
            : $"<span class=\"code\">{E(code)}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    // SVG wants a decimal point whatever the machine's culture.
    private static string N(double value) => Number(value, "0.###");
}
