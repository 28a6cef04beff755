using System.CommandLine;
using System.Globalization;
using ResponseBot.Cli.Output;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;
using ResponseBot.Knowledge.Storage;
using ResponseBot.Knowledge.Transfer;
using static ResponseBot.Cli.Output.TextTable;

namespace ResponseBot.Cli.Commands;

/// <summary><c>kb …</c>: curate entries in the store, publish snapshots, and search what is published.</summary>
internal static class KbCommands
{
    private const int QuestionCells = 48;

    public static Command Create(Option<string?> db) => new("kb", "Curate the knowledge base: import, export, list, show, search, publish, history.")
    {
        Import(db),
        Export(db),
        List(db),
        Show(db),
        Search(db),
        Publish(db),
        History(db),
    };

    private static Option<string> By() => new("--by")
    {
        Description = "Who makes the change, as the history records it",
        HelpName = "NAME",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static Command Import(Option<string?> db)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Entries to import: .csv, .jsonl or .xlsx" };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the valid rows and report the bad ones; without it, any bad row means nothing is imported",
        };
        var by = By();
        var publish = new Option<bool>("--publish") { Description = "Publish a new snapshot after a successful import" };
        var command = new Command(
            "import", "Import entries from a file. Each entry becomes a new version; unchanged entries are left as they are.")
        {
            file,
            skipInvalid,
            by,
            publish,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = Writers(parse);
            var path = parse.GetRequiredValue(file).FullName;
            var format = FormatOf(path);
            if (!File.Exists(path))
            {
                throw CliException.BadInput($"{path}: no such file");
            }

            using var store = OpenStore(parse, db, mustExist: false);
            var importer = new EntryImporter(store, new EntryValidator(Taxonomy.LoadDefault(), TimeProvider.System));
            var progress = new StageProgress(stderr);
            var report = await importer.ImportAsync(
                path, parse.GetRequiredValue(by), parse.GetValue(skipInvalid), progress.Stage("checking rows", 0),
                cancellationToken);
            progress.Finish();
            foreach (var problem in report.Problems)
            {
                stderr.WriteLine(problem.ToString());
            }

            var badRows = report.Problems.Select(p => p.Row).Distinct().Count();
            if (report.Problems.Count > 0 && !parse.GetValue(skipInvalid))
            {
                throw CliException.BadInput(
                    $"nothing imported: {report.Problems.Count} problem(s) in {badRows} of {report.Read} row(s) of {format} " +
                    "file; fix them, or pass --skip-invalid to import the valid rows");
            }

            stdout.WriteLine(
                $"read {report.Read} row(s): {report.Imported} imported, {report.Unchanged} unchanged" +
                (report.Problems.Count > 0 ? $", {badRows} skipped as invalid" : ""));
            if (report.Imported + report.Unchanged == 0 && report.Read > 0)
            {
                throw CliException.BadInput("no valid row to import");
            }

            if (parse.GetValue(publish))
            {
                var snapshot = await store.PublishAsync(
                    parse.GetRequiredValue(by), $"import {Path.GetFileName(path)}", cancellationToken);
                stdout.WriteLine($"published snapshot v{snapshot.Version}: {snapshot.Entries.Count} entries");
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command Export(Option<string?> db)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write: .csv, .jsonl or .xlsx" };
        var published = new Option<bool>("--published")
        {
            Description = "Export the latest published snapshot instead of the latest version of every entry",
        };
        var command = new Command(
            "export", "Export entries to a file, in a form `kb import` reads back unchanged. The extension picks the format.")
        {
            file,
            published,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file).FullName;
            var format = FormatOf(path);
            using var store = OpenStore(parse, db, mustExist: true);
            IReadOnlyList<KnowledgeEntry> entries;
            if (parse.GetValue(published))
            {
                var snapshot = await store.GetPublishedAsync(cancellationToken) ?? throw NothingPublished();
                entries = snapshot.Entries;
            }
            else
            {
                entries = await store.ListAsync(cancellationToken);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var stream = File.Create(path))
            {
                EntryFiles.Write(stream, entries, format);
            }

            Writers(parse).Out.WriteLine($"exported {entries.Count} entries to {path}");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command List(Option<string?> db)
    {
        var status = new Option<string?>("--status") { Description = "Only entries with this status", HelpName = "S" };
        status.AcceptOnlyFromAmong(Enum.GetNames<EntryStatus>().Select(n => n.ToLowerInvariant()).ToArray());
        var department = new Option<string?>("--department")
        {
            Description = "Only entries owned by this department code (see taxonomy.json)",
            HelpName = "D",
        };
        var command = new Command("list", "List the latest version of every entry, retired ones included.")
        {
            status,
            department,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var taxonomy = Taxonomy.LoadDefault();
            var code = parse.GetValue(department);
            if (code is not null && !taxonomy.Departments.ContainsKey(code))
            {
                throw CliException.BadInput(
                    $"unknown department \"{code}\"; known: {string.Join(", ", taxonomy.Departments.Keys)}");
            }

            var wanted = parse.GetValue(status) is { } s ? Enum.Parse<EntryStatus>(s, ignoreCase: true) : (EntryStatus?)null;
            using var store = OpenStore(parse, db, mustExist: true);
            var entries = (await store.ListAsync(cancellationToken))
                .Where(e => wanted is null || e.Status == wanted)
                .Where(e => code is null || e.Department == code)
                .ToList();
            var stdout = Writers(parse).Out;
            var table = new TextTable("id", "status", "v", "department", "updated", "question");
            foreach (var entry in entries)
            {
                table.Add(
                    entry.Id, StatusName(entry.Status), entry.Version.ToString(CultureInfo.InvariantCulture),
                    entry.Department, entry.UpdatedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    Clip(entry.Question, QuestionCells));
            }

            table.WriteTo(stdout);
            stdout.WriteLine($"{entries.Count} entries");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Show(Option<string?> db)
    {
        var id = new Argument<string>("ID") { Description = "The entry id" };
        var command = new Command("show", "Show every field of the latest version of one entry.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = OpenStore(parse, db, mustExist: true);
            var entryId = parse.GetRequiredValue(id);
            var entry = await store.GetAsync(entryId, cancellationToken) ?? throw UnknownEntry(entryId);
            WriteEntry(Writers(parse).Out, entry, Taxonomy.LoadDefault());
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Search(Option<string?> db)
    {
        var text = new Argument<string>("TEXT") { Description = "What a user would ask" };
        var take = new Option<int>("--take")
        {
            Description = "How many hits to show",
            DefaultValueFactory = _ => 5,
        };
        take.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--take must be between 1 and 100");
            }
        });
        var command = new Command(
            "search", "Search the latest published snapshot as the service would: the tier, then the hits with scores.")
        {
            text,
            take,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = Writers(parse);
            using var store = OpenStore(parse, db, mustExist: true);
            var snapshot = await store.GetPublishedAsync(cancellationToken) ?? throw NothingPublished();
            var options = CliSettings.Load().Knowledge;
            var progress = new StageProgress(stderr);
            var index = RetrievalEngine.Load(AppContext.BaseDirectory, options)
                .Build(snapshot.Entries, snapshot.Version, progress.Stage("indexing", snapshot.Entries.Count));
            var result = index.Search(parse.GetRequiredValue(text), parse.GetValue(take));
            stdout.WriteLine(
                $"snapshot v{snapshot.Version} ({snapshot.Entries.Count} entries) · tier: {result.Tier.ToString().ToLowerInvariant()} " +
                $"(answer ≥ {Number(options.AnswerThreshold, "0.00")}, clarify ≥ {Number(options.ClarifyThreshold, "0.00")})");
            var departments = Taxonomy.LoadDefault().Departments;
            var table = new TextTable("#", "score", "bm25", "id", "department", "question") { RightAligned = [0, 1, 2] };
            for (var i = 0; i < result.Hits.Count; i++)
            {
                var hit = result.Hits[i];
                table.Add(
                    (i + 1).ToString(CultureInfo.InvariantCulture), Number(hit.Score), Number(hit.Bm25, "0.00"), hit.Entry.Id,
                    departments.GetValueOrDefault(hit.Entry.Department, hit.Entry.Department), Clip(hit.Entry.Question, QuestionCells));
            }

            if (result.Hits.Count == 0)
            {
                stdout.WriteLine("no hits");
            }
            else
            {
                table.WriteTo(stdout);
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command Publish(Option<string?> db)
    {
        var by = By();
        var note = new Option<string?>("--note") { Description = "Why this publish, as the history records it", HelpName = "TEXT" };
        var command = new Command(
            "publish", "Freeze the latest version of every published-status entry into a new snapshot that channels answer from.")
        {
            by,
            note,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = Writers(parse);
            using var store = OpenStore(parse, db, mustExist: false);
            var snapshot = await store.PublishAsync(parse.GetRequiredValue(by), parse.GetValue(note), cancellationToken);
            stdout.WriteLine(
                $"published snapshot v{snapshot.Version}: {snapshot.Entries.Count} entries, by {snapshot.PublishedBy} " +
                $"at {snapshot.PublishedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
            if (snapshot.Entries.Count == 0)
            {
                stderr.WriteLine("warning: no entry has the status published, so every question will fall back");
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command History(Option<string?> db)
    {
        var id = new Argument<string>("ID") { Description = "The entry id" };
        var command = new Command("history", "Show every saved version of one entry, oldest first.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = OpenStore(parse, db, mustExist: true);
            var entryId = parse.GetRequiredValue(id);
            var versions = await store.GetHistoryAsync(entryId, cancellationToken);
            if (versions.Count == 0)
            {
                throw UnknownEntry(entryId);
            }

            var table = new TextTable("v", "status", "updated", "by", "question");
            foreach (var version in versions)
            {
                table.Add(
                    version.Version.ToString(CultureInfo.InvariantCulture), StatusName(version.Status),
                    version.UpdatedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                    version.UpdatedBy ?? "", Clip(version.Question, QuestionCells));
            }

            table.WriteTo(Writers(parse).Out);
            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteEntry(TextWriter writer, KnowledgeEntry entry, Taxonomy taxonomy)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var fields = new List<(string Name, string Value)>
        {
            ("id", entry.Id),
            ("status", $"{StatusName(entry.Status)}, version {entry.Version}"),
            ("updated", $"{entry.UpdatedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} by {entry.UpdatedBy}"),
            ("department", $"{entry.Department} {taxonomy.Departments.GetValueOrDefault(entry.Department, "")}".TrimEnd()),
            ("topics", string.Join(", ", entry.Topics.Select(t => $"{t} {taxonomy.HotTopics.GetValueOrDefault(t, "")}".TrimEnd()))),
            ("question", entry.Question),
        };
        fields.AddRange(entry.Alternates.Select(a => ("alternate", a)));
        fields.Add(("answer", entry.Answer));
        if (entry.Link is { } link)
        {
            fields.Add(("link", $"{link.Title} <{link.Url}>"));
        }

        fields.Add(("policy", entry.PolicyReference ?? ""));
        fields.Add(("source", entry.SourceUrl ?? ""));
        if (entry.EffectiveFrom is not null || entry.ExpiresOn is not null)
        {
            fields.Add((
                "in force",
                $"{entry.EffectiveFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"} – " +
                $"{entry.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"}" +
                (entry.IsInForce(today) ? "" : " (not in force today)")));
        }

        fields.AddRange(entry.FollowUps.Select(f => ("follow-up", $"{f.Text} → {f.EntryId}")));
        var width = fields.Max(f => f.Name.Length);
        foreach (var (name, value) in fields.Where(f => f.Value.Length > 0))
        {
            var lines = value.Split('\n');
            writer.WriteLine($"{name.PadRight(width)}  {lines[0]}");
            foreach (var line in lines.Skip(1))
            {
                writer.WriteLine($"{new string(' ', width)}  {line}");
            }
        }
    }

    private static SqliteKnowledgeStore OpenStore(ParseResult parse, Option<string?> db, bool mustExist)
    {
        var path = CliSettings.Load().DatabasePath(parse.GetValue(db));
        if (mustExist && !File.Exists(path))
        {
            throw CliException.BadInput($"no knowledge store at {path}; pass --db PATH, or import entries first");
        }

        return new SqliteKnowledgeStore(path, TimeProvider.System);
    }

    private static EntryFormat FormatOf(string path)
    {
        try
        {
            return EntryFiles.FormatOf(path);
        }
        catch (ArgumentException ex)
        {
            throw CliException.BadInput(ex.Message.Split(" (Parameter")[0]);
        }
    }

    private static (TextWriter Out, TextWriter Error) Writers(ParseResult parse) =>
        (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);

    private static string StatusName(EntryStatus status) => status.ToString().ToLowerInvariant();

    private static CliException UnknownEntry(string id) => CliException.BadInput($"no entry with id \"{id}\"");

    private static CliException NothingPublished() =>
        new("nothing is published yet; run 'responsebot kb publish' first");
}
