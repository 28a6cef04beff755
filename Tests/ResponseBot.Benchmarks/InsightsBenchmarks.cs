using BenchmarkDotNet.Attributes;
using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Classification;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Benchmarks;

/// <summary>
/// The three insight models on one inquiry (<see cref="InquiryClassifier.Analyze"/>: masking, text analysis, features,
/// sentiment, hot topic, department and routing), for a short WeChat question and a long hotline transcript.
/// Target: p99 ≤ 1 ms; <c>responsebot bench insights</c> reports the percentiles over the dev inquiries.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class InsightsBenchmarks
{
    private const string Short = "技改补贴啥时候发";

    private const string Long =
        "喂 你好 我想问一下 就是那个 我们是武进的一家汽车零部件企业 去年上了一条新能源汽车电机壳体的生产线 " +
        "然后当时说是可以申请技改补贴的 材料也交上去了 到现在大半年了一直没有消息 打电话问也说在审核 " +
        "我们资金压力挺大的 你们能不能帮忙催一下 到底什么时候能批下来 我电话是13812345678";

    private InquiryClassifier _classifier = null!;

    [GlobalSetup]
    public void Setup() =>
        _classifier = InquiryClassifier.Load(InquiryClassifier.DefaultModelsDirectory, ChineseAnalyzer.Load(AppContext.BaseDirectory));

    [Benchmark]
    public InquiryAnalysis AnalyzeShort() => _classifier.Analyze(Short);

    [Benchmark]
    public InquiryAnalysis AnalyzeLong() => _classifier.Analyze(Long);
}
