using Microsoft.Extensions.Logging.Abstractions;
using ResponseBot.Bot.Answering;
using ResponseBot.Bot.Turns;
using ResponseBot.Insights.Alerts;
using ResponseBot.Insights.Analysis;
using ResponseBot.Insights.Classification;
using ResponseBot.Knowledge.Retrieval;

namespace ResponseBot.Insights.Tests.Analysis;

public sealed class InquiryAnalysisMiddlewareTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    private RecordingClassifier _classifier = null!;
    private InquirySignalBuffer _signals = null!;
    private InquiryAnalysisMiddleware _middleware = null!;

    [SetUp]
    public void SetUp()
    {
        _classifier = new RecordingClassifier();
        _signals = new InquirySignalBuffer(NullLogger<InquirySignalBuffer>.Instance);
        _middleware = new InquiryAnalysisMiddleware(_classifier, _signals, NullLogger<InquiryAnalysisMiddleware>.Instance);
    }

    [Test]
    public async Task Invoke_AQuestion_AnalysesItBeforeTheDialogueAndSignalsItMasked()
    {
        var turn = Turn("新能源车补贴一直没到账，我电话13812345678");
        InquiryAnalysis? seenByDialogue = null;

        await _middleware.InvokeAsync(turn, (t, _) =>
        {
            seenByDialogue = t.Analysis;
            return Task.FromResult(new BotReply(ReplyKind.Fallback, "抱歉"));
        }, CancellationToken.None);

        Assert.That(_signals.Reader.TryRead(out var signal), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(seenByDialogue?.Routing.Department, Is.EqualTo("auto"));
            Assert.That(turn.Analysis, Is.SameAs(seenByDialogue));
            Assert.That(signal!.Text, Does.Not.Contain("13812345678"));
            Assert.That(signal.Subject, Does.StartWith("wechat:").And.Not.Contains("openid-1"));
            Assert.That((signal.Sentiment, signal.Topic, signal.Department), Is.EqualTo(("negative", "nev", "auto")));
            Assert.That(signal.At, Is.EqualTo(Now));
            Assert.That(_classifier.Hints, Is.EqualTo(new KnowledgeHint?[] { null }));
        });
    }

    [Test]
    public async Task Invoke_AnsweredWithConfidence_RoutesAgainWithTheEntrysDepartment()
    {
        var turn = Turn("信用修复怎么办理");
        var knowledge = new KnowledgeReply(
            AnswerTier.Answer, "答案", "答案", [], [new ReplyHit("kb-7", "怎么做信用修复？", 0.93)],
            new DepartmentRef("credit", "信用办"), "kb-7", 1, 1, null);

        await _middleware.InvokeAsync(turn, (_, _) => Task.FromResult(
            new BotReply(ReplyKind.Answer, "答案") { EntryId = "kb-7", Department = knowledge.Department, Knowledge = knowledge }),
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_classifier.Hints, Has.Count.EqualTo(2));
            Assert.That(_classifier.Hints[1], Is.EqualTo(new KnowledgeHint("kb-7", "credit", 0.93)));
            Assert.That(turn.Analysis?.Routing.Signal, Is.EqualTo(RoutingSignal.Knowledge));
        });
    }

    [TestCase("满意", ReplyKind.Feedback)]
    [TestCase("你好", ReplyKind.SmallTalk)]
    public async Task Invoke_NotAnInquiry_LeavesNoReadingAndNoSignal(string text, ReplyKind kind)
    {
        var turn = Turn(text);

        await _middleware.InvokeAsync(turn, (_, _) => Task.FromResult(new BotReply(kind, "好的")), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(turn.Analysis, Is.Null);
            Assert.That(_signals.Reader.TryRead(out _), Is.False);
        });
    }

    [TestCase("2")]
    [TestCase("１")]
    [TestCase("?")]
    public async Task Invoke_AChoiceNumber_IsNotAnalysed(string text)
    {
        await _middleware.InvokeAsync(Turn(text), (_, _) => Task.FromResult(new BotReply(ReplyKind.Answer, "答案")), CancellationToken.None);

        Assert.That(_classifier.Hints, Is.Empty);
    }

    [Test]
    public async Task Invoke_ClassifierFails_TheTurnGoesOnWithoutAReading()
    {
        _classifier.Fail = true;
        var turn = Turn("技改补贴什么时候发");

        var reply = await _middleware.InvokeAsync(turn, (_, _) => Task.FromResult(new BotReply(ReplyKind.Fallback, "抱歉")), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Kind, Is.EqualTo(ReplyKind.Fallback));
            Assert.That(turn.Analysis, Is.Null);
            Assert.That(_signals.Reader.TryRead(out _), Is.False);
        });
    }

    [Test]
    public void Post_BufferFull_DropsRatherThanBlocks()
    {
        var signal = new InquirySignal(Now, "wechat", "wechat:ab", null, "文本", "negative", 0.9f, "nev", "auto");
        for (var i = 0; i < InquirySignalBuffer.Capacity + 5; i++)
        {
            _signals.Post(signal);
        }

        var queued = 0;
        while (_signals.Reader.TryRead(out _))
        {
            queued++;
        }

        Assert.That(queued, Is.EqualTo(InquirySignalBuffer.Capacity));
    }

    private static TurnContext Turn(string text) =>
        new(new InboundMessage("wechat", "openid-1", "m1", InboundKind.Text, text, Now), Now);

    /// <summary>Reads every text as a negative NEV complaint for 汽车产业处, or as the hint says; remembers the hints.</summary>
    private sealed class RecordingClassifier : IInquiryClassifier
    {
        public List<KnowledgeHint?> Hints { get; } = [];

        public bool Fail { get; set; }

        public InquiryAnalysis Analyze(string text, KnowledgeHint? answered = null)
        {
            Hints.Add(answered);
            if (Fail)
            {
                throw new InvalidOperationException("model broken");
            }

            var department = answered?.Department ?? "auto";
            var routing = new DepartmentRouting(
                department, [new LabelScore(department, 0.9f)], answered is null ? RoutingSignal.Model : RoutingSignal.Knowledge, "test");
            return new InquiryAnalysis(
                "negative", [new LabelScore("negative", 0.95f), new LabelScore("neutral", 0.04f), new LabelScore("positive", 0.01f)],
                "nev", [new LabelScore("nev", 0.8f)], routing);
        }
    }
}
