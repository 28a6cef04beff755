using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Benchmarks;

/// <summary>Building the index of 10,000 public entries: what a publish costs each instance.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
public class IndexBuildBenchmarks
{
    private RetrievalEngine _engine = null!;
    private IReadOnlyList<KnowledgeEntry> _entries = [];

    [GlobalSetup]
    public void Setup()
    {
        _entries = BenchmarkData.LoadCorpus().Entries;
        _engine = BenchmarkData.LoadEngine();
    }

    [Benchmark]
    public KnowledgeIndex Build() => _engine.Build(_entries, 1);
}
