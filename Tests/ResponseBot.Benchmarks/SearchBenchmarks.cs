using BenchmarkDotNet.Attributes;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Benchmarks;

/// <summary>One search over a 10,000-entry index, cycling through 2,000 public queries (paraphrases and near misses).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class SearchBenchmarks
{
    private KnowledgeIndex _index = null!;
    private IReadOnlyList<string> _queries = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = BenchmarkData.LoadCorpus();
        _queries = corpus.Queries;
        _index = BenchmarkData.LoadEngine().Build(corpus.Entries, 1);
    }

    [Benchmark]
    public SearchResult Search()
    {
        var query = _queries[_next];
        _next = (_next + 1) % _queries.Count;
        return _index.Search(query);
    }
}
