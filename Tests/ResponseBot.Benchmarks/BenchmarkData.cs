using ResponseBot.Knowledge;
using ResponseBot.Knowledge.Evaluation;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Benchmarks;

/// <summary>The benchmark corpus: the same 10,000 public entries and queries that <c>responsebot bench search</c> uses.</summary>
internal static class BenchmarkData
{
    /// <summary>Points the benchmark processes at the public data folder.</summary>
    public const string Variable = "RESPONSEBOT_DATA";

    public static string? Locate() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given && PublicCorpus.HasFiles(given)
            ? given
            : PublicCorpus.FindDataDirectory(Environment.CurrentDirectory, AppContext.BaseDirectory);

    public static PublicCorpus LoadCorpus() =>
        PublicCorpus.Load(
            Locate() ?? throw new InvalidOperationException($"Public data not found; set {Variable}."),
            PublicCorpus.DefaultEntries,
            PublicCorpus.DefaultQueries);

    public static RetrievalEngine LoadEngine() => RetrievalEngine.Load(AppContext.BaseDirectory, new KnowledgeOptions());
}
