using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ResponseBot.Bot.Records;
using ResponseBot.Cli.Output;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Simulation;
using ResponseBot.Knowledge.Entries;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Commands;

/// <summary>
/// <c>simulate alerts</c>: a synthetic week with a spike injected on one topic, replayed through the real alert
/// monitor into SQLite stores in a temporary folder, reporting the detection delay and the false alarms.
/// </summary>
internal static class SimulateCommands
{
    public static Command Create() => new("simulate", "Replay synthetic traffic through the alert detectors.")
    {
        Alerts(),
    };

    private static Command Alerts()
    {
        var defaults = new AlertSimulationOptions();
        var days = new Option<int>("--days") { Description = "Days to simulate", HelpName = "N", DefaultValueFactory = _ => defaults.Days };
        var topic = new Option<string>("--spike-topic")
        {
            Description = $"The hot topic the spike hits ({string.Join(", ", InquiryGenerator.HotTopics)})",
            HelpName = "CODE",
            DefaultValueFactory = _ => defaults.SpikeTopic,
        };
        var day = new Option<int>("--spike-day")
        {
            Description = "The day of the spike, 1 for the first (the week starts on a Monday)",
            HelpName = "N",
            DefaultValueFactory = _ => defaults.SpikeDay,
        };
        var hour = new Option<int>("--spike-hour")
        {
            Description = "The hour the spike starts, China time",
            HelpName = "H",
            DefaultValueFactory = _ => defaults.SpikeHour,
        };
        var rate = new Option<double>("--spike-rate")
        {
            Description = $"During the spike ({defaults.SpikeHours} hours) the topic's inquiries arrive this many times as fast; the extra ones are negative",
            HelpName = "X",
            DefaultValueFactory = _ => defaults.SpikeRate,
        };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed, the same week", HelpName = "N", DefaultValueFactory = _ => defaults.Seed };
        var json = new Option<bool>("--json") { Description = "End with one line of JSON with the numbers" };
        var command = new Command(
            "alerts",
            "Generate a week of inquiries (Poisson arrivals per hot topic with a day/night rhythm, a few per cent negative, " +
            "repeating users, escalation words), inject a spike, replay it through the alert monitor into SQLite in a " +
            "temporary folder, and report when the spike was detected and any false spike alarm. Exit 0 when the spike " +
            "was caught within one window with no false alarm, 1 otherwise.")
        {
            days, topic, day, hour, rate, seed, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = defaults with
            {
                Days = parse.GetValue(days),
                SpikeTopic = parse.GetValue(topic) ?? defaults.SpikeTopic,
                SpikeDay = parse.GetValue(day),
                SpikeHour = parse.GetValue(hour),
                SpikeRate = parse.GetValue(rate),
                Seed = parse.GetValue(seed),
            };
            if (options.Validate() is { } problem)
            {
                throw CliException.BadInput(problem);
            }

            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            // The detectors' defaults, as the service ships them.
            var alerts = new AlertsOptions();
            var report = await RunAsync(options, alerts, stderr, cancellationToken);
            WriteText(stdout, report, alerts);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ToJsonLine(report));
            }

            return report.Passed ? CliApp.Ok : CliApp.Failure;
        });
        return command;
    }

    private static async Task<AlertSimulationReport> RunAsync(
        AlertSimulationOptions options, AlertsOptions alerts, TextWriter stderr, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("responsebot-simulate-");
        try
        {
            var database = Path.Combine(folder.FullName, "alerts.db");
            stderr.WriteLine($"replaying into {database}");
            return await AlertSimulation.RunWithSqliteAsync(
                database, options, alerts, Taxonomy.LoadDefault(), new LineProgress(stderr), cancellationToken);
        }
        finally
        {
            // Pooled connections keep the file open; release them so the folder can go.
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    internal static void WriteText(TextWriter writer, AlertSimulationReport report, AlertsOptions alerts)
    {
        var options = report.Options;
        var topics = Taxonomy.LoadDefault().HotTopics;
        var topicName = topics.GetValueOrDefault(options.SpikeTopic, options.SpikeTopic);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"Simulated {options.Days} days from {options.Start:yyyy-MM-dd} (China time), seed {options.Seed}: " +
            $"{report.Inquiries} inquiries, {report.Negative} negative ({Percent(report.Negative / (double)Math.Max(1, report.Inquiries))})"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"Injected spike: {topicName} ({options.SpikeTopic}), day {options.SpikeDay} {options.SpikeStart:yyyy-MM-dd HH:mm}–{options.SpikeEnd:HH:mm}, " +
            $"{options.SpikeRate:0.##}× the usual rate: +{report.SpikeInquiries} negative inquiries"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"Detector: {report.Window.TotalMinutes:0}-minute window, Poisson tail z ≥ {alerts.SpikeZ:0.0} and at least " +
            $"{alerts.MinimumCount} negative inquiries, against the topic's negative share over {alerts.BaselineDays} days"));
        writer.WriteLine();

        if (report.Detection is { } detection)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, 
                $"Spike detected: {Local(detection.Alert.UpdatedAt, options)}, {report.Delay!.Value.TotalMinutes:0.0} min after it began " +
                $"= {report.DelayWindows:0.00} windows"));
            writer.WriteLine($"  {detection.Alert.Id}  {detection.Alert.Title}");
        }
        else
        {
            writer.WriteLine("Spike detected: no");
        }

        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"False spike alarms (spike alerts for windows away from the injected spike): {report.FalseAlarms.Count}"));
        foreach (var alarm in report.FalseAlarms)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, 
                $"  {topics.GetValueOrDefault(alarm.Topic, alarm.Topic)} window {Local(alarm.WindowStart, options)}: count {alarm.Count}, " +
                $"baseline {alarm.Baseline:0.0}, z {alarm.Statistic:0.0}"));
        }

        writer.WriteLine();
        var byKind = report.AlertsByKind;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, 
            $"Alerts at the end of the week: {report.Alerts.Count} ({report.Changes} changes in the feed) — spike {byKind[AlertKind.Spike]}, " +
            $"repeats {byKind[AlertKind.Repeats]}, escalation {byKind[AlertKind.Escalation]}, very negative {byKind[AlertKind.VeryNegative]}"));
        var table = new TextTable("id", "kind", "rev", "count", "baseline", "statistic", "window", "title") { RightAligned = [2, 3, 4, 5] };
        foreach (var alert in report.Alerts.OrderBy(a => a.RaisedAt))
        {
            var evidence = alert.Evidence;
            table.Add(
                alert.Id, RecordNames.NameOf(alert.Kind), alert.Revision.ToString(CultureInfo.InvariantCulture),
                evidence.Count.ToString(CultureInfo.InvariantCulture),
                evidence.Baseline is { } baseline ? Number(baseline, "0.0") : "",
                evidence.Statistic is { } statistic ? Number(statistic, "0.00") : "",
                Window(evidence, options),
                Clip(alert.Title, 60));
        }

        table.WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine("Evidence in short:");
        foreach (var alert in report.Alerts.OrderBy(a => a.RaisedAt))
        {
            var evidence = alert.Evidence;
            var statistic = evidence.StatisticName.Length > 0 && evidence.Statistic is { } value
                ? string.Create(CultureInfo.InvariantCulture, $", {evidence.StatisticName} {value:0.00}")
                : "";
            var terms = evidence.Terms.Count > 0 ? $", terms {string.Join("、", evidence.Terms)}" : "";
            var sample = evidence.Samples.Count > 0 ? $"; newest sample “{Clip(evidence.Samples[0].Text, 40)}”" : "";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, 
                $"  {alert.Key}: count {evidence.Count}{statistic}{terms}, {evidence.Series.Count} chart buckets, " +
                $"{evidence.Samples.Count} samples{sample}"));
        }

        writer.WriteLine();
        writer.WriteLine(Verdict(report));
    }

    internal static string Verdict(AlertSimulationReport report)
    {
        if (report.Passed)
        {
            return "PASS: the spike was caught within one window and no false spike alarm was raised";
        }

        var reasons = new List<string>();
        if (report.Detection is null)
        {
            reasons.Add("the spike was not detected");
        }
        else if (!report.CaughtWithinOneWindow)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the spike was caught after {report.DelayWindows:0.00} windows, more than one"));
        }

        if (report.FalseAlarms.Count > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{report.FalseAlarms.Count} false spike alarm(s)"));
        }

        return "FAIL: " + string.Join("; ", reasons);
    }

    /// <summary>
    /// One line, one object: <c>{"seed","days","inquiries","negative","spike":{…},"detected","detectedAt","delayMinutes",
    /// "delayWindows","falseAlarms","alerts":{…},"changes","passed"}</c>.
    /// </summary>
    internal static string ToJsonLine(AlertSimulationReport report)
    {
        var options = report.Options;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("days", options.Days);
            json.WriteNumber("inquiries", report.Inquiries);
            json.WriteNumber("negative", report.Negative);
            json.WriteStartObject("spike");
            json.WriteString("topic", options.SpikeTopic);
            json.WriteString("start", options.SpikeStart);
            json.WriteString("end", options.SpikeEnd);
            json.WriteNumber("rate", options.SpikeRate);
            json.WriteNumber("injected", report.SpikeInquiries);
            json.WriteEndObject();
            json.WriteBoolean("detected", report.Detection is not null);
            if (report.DetectedAt is { } at)
            {
                json.WriteString("detectedAt", at.ToOffset(options.Start.Offset));
                json.WriteNumber("delayMinutes", Math.Round(report.Delay!.Value.TotalMinutes, 2));
                json.WriteNumber("delayWindows", Math.Round(report.DelayWindows!.Value, 4));
            }
            else
            {
                json.WriteNull("detectedAt");
                json.WriteNull("delayMinutes");
                json.WriteNull("delayWindows");
            }

            json.WriteNumber("falseAlarms", report.FalseAlarms.Count);
            json.WriteStartObject("alerts");
            foreach (var (kind, count) in report.AlertsByKind)
            {
                json.WriteNumber(JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()), count);
            }

            json.WriteEndObject();
            json.WriteNumber("changes", report.Changes);
            json.WriteBoolean("passed", report.Passed);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // "day 5 11-06 10:00–11:00", or "day 2 11-03 16:10 – day 3 11-04 16:10" across midnight.
    private static string Window(AlertEvidence evidence, AlertSimulationOptions options)
    {
        var start = evidence.WindowStart.ToOffset(options.Start.Offset);
        var end = evidence.WindowEnd.ToOffset(options.Start.Offset);
        return start.Date == end.Date
            ? string.Create(CultureInfo.InvariantCulture, $"{Local(evidence.WindowStart, options)}–{end:HH:mm}")
            : $"{Local(evidence.WindowStart, options)} – {Local(evidence.WindowEnd, options)}";
    }

    private static string Local(DateTimeOffset at, AlertSimulationOptions options)
    {
        var local = at.ToOffset(options.Start.Offset);
        var day = (int)Math.Floor((local - options.Start).TotalDays) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"day {day} {local:MM-dd HH:mm}");
    }

    private sealed class LineProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(value);
    }
}
