using ResponseBot.Insights.Evaluation;

namespace ResponseBot.Insights.Tests.Evaluation;

// Every expected number below is worked out by hand in the comment above it.
public sealed class ClassificationMetricsTests
{
    private const double Tolerance = 1e-9;

    // truth  a a a b b c
    // guess  a a b b c c
    // a: support 3, predicted 2, right 2 → P 1,   R 2/3, F1 0.8
    // b: support 2, predicted 2, right 1 → P 1/2, R 1/2, F1 0.5
    // c: support 1, predicted 2, right 1 → P 1/2, R 1,   F1 2/3
    private static readonly string[] Truth = ["a", "a", "a", "b", "b", "c"];
    private static readonly string[] Guess = ["a", "a", "b", "b", "c", "c"];
    private static readonly string[] Abc = ["a", "b", "c"];

    [Test]
    public void Compute_ThreeClasses_AccuracyIsFourOfSix()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Guess);

        Assert.That(metrics.Count, Is.EqualTo(6));
        Assert.That(metrics.Correct, Is.EqualTo(4));
        Assert.That(metrics.Accuracy, Is.EqualTo(4.0 / 6).Within(Tolerance));
    }

    [Test]
    public void Compute_ThreeClasses_PerClassPrecisionRecallF1AndSupport()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Guess);

        Assert.That(metrics.Classes.Select(c => c.Label), Is.EqualTo(Abc));
        AssertClass(metrics.For("a")!, support: 3, predicted: 2, correct: 2, precision: 1, recall: 2.0 / 3, f1: 0.8);
        AssertClass(metrics.For("b")!, support: 2, predicted: 2, correct: 1, precision: 0.5, recall: 0.5, f1: 0.5);
        AssertClass(metrics.For("c")!, support: 1, predicted: 2, correct: 1, precision: 0.5, recall: 1, f1: 2.0 / 3);
    }

    [Test]
    public void Compute_ThreeClasses_MacroF1IsTheMeanOfTheClassF1s()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Guess);

        // (0.8 + 0.5 + 2/3) / 3 = 59/90
        Assert.That(metrics.MacroF1, Is.EqualTo(59.0 / 90).Within(Tolerance));
    }

    [Test]
    public void Compute_ThreeClasses_ConfusionRowsAreTruthColumnsPredictions()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Guess);

        Assert.That(metrics.Confusion, Is.EqualTo(new[] { new[] { 2, 1, 0 }, new[] { 0, 1, 1 }, new[] { 0, 0, 1 } }));
    }

    [Test]
    public void Compute_LabelAbsentFromTruthAndPredictions_ListedButLeftOutOfMacroF1()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Guess, ["a", "b", "c", "d"]);

        Assert.That(metrics.Labels, Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(metrics.For("d")!.Occurs, Is.False);
        Assert.That(metrics.For("d")!.Support, Is.Zero);
        Assert.That(metrics.Confusion[3], Is.EqualTo(new[] { 0, 0, 0, 0 }));
        Assert.That(metrics.MacroF1, Is.EqualTo(59.0 / 90).Within(Tolerance));
    }

    [Test]
    public void Compute_ClassOnlyPredicted_CountsInMacroF1WithZero()
    {
        // a: support 2, predicted 1, right 1 → P 1, R 1/2, F1 2/3; x: support 0, predicted 1 → F1 0. Mean 1/3.
        var metrics = ClassificationMetrics.Compute(["a", "a"], ["a", "x"]);

        Assert.That(metrics.For("x")!.Occurs, Is.True);
        Assert.That(metrics.For("x")!.F1, Is.Zero);
        Assert.That(metrics.For("x")!.Precision, Is.Zero);
        Assert.That(metrics.MacroF1, Is.EqualTo(1.0 / 3).Within(Tolerance));
    }

    [Test]
    public void Compute_ClassNeverPredicted_PrecisionIsZeroNotNaN()
    {
        // a: support 1, predicted 0 → P 0, R 0, F1 0; b: support 1, predicted 2, right 1 → P 1/2, R 1, F1 2/3.
        var metrics = ClassificationMetrics.Compute(["a", "b"], ["b", "b"]);

        Assert.That(metrics.For("a")!.Precision, Is.Zero);
        Assert.That(metrics.For("a")!.F1, Is.Zero);
        Assert.That(metrics.MacroF1, Is.EqualTo(1.0 / 3).Within(Tolerance));
    }

    [Test]
    public void Compute_GivenLabelOrder_KeptAndOtherLabelsFollowInOrdinalOrder()
    {
        var metrics = ClassificationMetrics.Compute(["z", "a", "m"], ["y", "a", "m"], ["m", "a"]);

        Assert.That(metrics.Labels, Is.EqualTo(new[] { "m", "a", "y", "z" }));
        Assert.That(metrics.Confusion[3][2], Is.EqualTo(1), "z was read as y");
    }

    [Test]
    public void Compute_AllRight_EverythingIsOne()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Truth);

        Assert.That(metrics.Accuracy, Is.EqualTo(1));
        Assert.That(metrics.MacroF1, Is.EqualTo(1));
        Assert.That(metrics.Mistakes, Is.Empty);
    }

    [Test]
    public void Mistakes_ThreeClasses_TheTwoWrongExamplesInOrder()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Guess);

        Assert.That(metrics.Mistakes, Is.EqualTo(new[] { new ClassifiedExample("a", "b"), new ClassifiedExample("b", "c") }));
    }

    [Test]
    public void OneVersusRest_FirstClass_BinaryMacroF1()
    {
        // a vs rest — truth a a a r r r, guess a a r r r r.
        // a: P 1, R 2/3, F1 0.8; rest: support 3, predicted 4, right 3 → P 3/4, R 1, F1 6/7. Mean (0.8 + 6/7) / 2 = 29/35.
        var binary = ClassificationMetrics.Compute(Truth, Guess).OneVersusRest("a");

        Assert.That(binary.Labels, Is.EqualTo(new[] { "a", ClassificationMetrics.Rest }));
        Assert.That(binary.Accuracy, Is.EqualTo(5.0 / 6).Within(Tolerance));
        Assert.That(binary.For(ClassificationMetrics.Rest)!.F1, Is.EqualTo(6.0 / 7).Within(Tolerance));
        Assert.That(binary.MacroF1, Is.EqualTo(29.0 / 35).Within(Tolerance));
    }

    [Test]
    public void OneVersusRest_ConfusionInsideTheRest_DoesNotCountAsAMistake()
    {
        // b read as c is "rest read as rest" when a is the class that matters.
        var binary = ClassificationMetrics.Compute(["b", "c", "a"], ["c", "b", "a"]).OneVersusRest("a");

        Assert.That(binary.Accuracy, Is.EqualTo(1));
        Assert.That(binary.MacroF1, Is.EqualTo(1));
    }

    [Test]
    public void OneVersusRest_RestItself_Throws() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(Truth, Guess).OneVersusRest(ClassificationMetrics.Rest));

    [Test]
    public void TopKAccuracy_Rankings_CountsTheTruthAmongTheFirstK()
    {
        // 1: a read as b, a second → top-2; 2: right; 3: c read as a, c third → top-3; 4: right, no ranking.
        ClassifiedExample[] examples =
        [
            new("a", "b", ["b", "a", "c"]),
            new("b", "b", ["b", "c", "a"]),
            new("c", "a", ["a", "b", "c"]),
            new("a", "a"),
        ];
        var metrics = ClassificationMetrics.Compute(examples);

        Assert.That(metrics.Accuracy, Is.EqualTo(0.5));
        Assert.That(metrics.TopKAccuracy(1), Is.EqualTo(0.5));
        Assert.That(metrics.TopKAccuracy(2), Is.EqualTo(0.75));
        Assert.That(metrics.TopKAccuracy(3), Is.EqualTo(1.0));
    }

    [Test]
    public void TopKAccuracy_RankingWithoutThePrediction_ThePredictionStillCounts()
    {
        var metrics = ClassificationMetrics.Compute([new ClassifiedExample("a", "a", ["b", "c"])]);

        Assert.That(metrics.TopKAccuracy(1), Is.EqualTo(1.0));
    }

    [Test]
    public void TopKAccuracy_KBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Compute(Truth, Guess).TopKAccuracy(0));

    [Test]
    public void Compute_ListsOfDifferentLength_Throws() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(["a", "b"], ["a"]));

    [Test]
    public void Compute_NoExamples_Throws() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([], Array.Empty<string>()));

    [Test]
    public void Compute_EmptyLabel_Throws() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute(["a", ""], ["a", "a"]));

    [Test]
    public void For_UnknownLabel_Null() =>
        Assert.That(ClassificationMetrics.Compute(Truth, Guess).For("q"), Is.Null);

    private static void AssertClass(ClassMetrics actual, int support, int predicted, int correct, double precision, double recall, double f1)
    {
        Assert.That(actual.Support, Is.EqualTo(support), $"{actual.Label} support");
        Assert.That(actual.PredictedCount, Is.EqualTo(predicted), $"{actual.Label} predicted");
        Assert.That(actual.Correct, Is.EqualTo(correct), $"{actual.Label} correct");
        Assert.That(actual.Precision, Is.EqualTo(precision).Within(Tolerance), $"{actual.Label} precision");
        Assert.That(actual.Recall, Is.EqualTo(recall).Within(Tolerance), $"{actual.Label} recall");
        Assert.That(actual.F1, Is.EqualTo(f1).Within(Tolerance), $"{actual.Label} F1");
    }
}
