namespace ResponseBot.Insights.Evaluation;

/// <summary>One labelled example as a classifier read it.</summary>
/// <param name="Expected">The true label.</param>
/// <param name="Predicted">The label the classifier chose.</param>
/// <param name="Ranked">
/// The classifier's labels, most likely first, for top-k accuracy; <see langword="null"/> when it gives only one.
/// </param>
public sealed record ClassifiedExample(string Expected, string Predicted, IReadOnlyList<string>? Ranked = null);

/// <summary>Precision, recall and F1 of one class.</summary>
/// <param name="Label">The class.</param>
/// <param name="Support">How many examples truly are of this class.</param>
/// <param name="PredictedCount">How many examples the classifier put in this class.</param>
/// <param name="Correct">How many of those were right (true positives).</param>
/// <param name="Precision">Correct / PredictedCount; 0 when nothing was predicted as this class.</param>
/// <param name="Recall">Correct / Support; 0 when no example is of this class.</param>
/// <param name="F1">The harmonic mean of precision and recall; 0 when both are 0.</param>
public sealed record ClassMetrics(string Label, int Support, int PredictedCount, int Correct, double Precision, double Recall, double F1)
{
    /// <summary>
    /// Whether the class occurs at all, as a true or as a predicted label. Only such classes count in
    /// <see cref="ClassificationMetrics.MacroF1"/>.
    /// </summary>
    public bool Occurs => Support > 0 || PredictedCount > 0;
}

/// <summary>
/// How well a single-label classifier did on a set of labelled examples: accuracy, macro-F1, top-k accuracy, each
/// class's precision / recall / F1 / support, and the confusion matrix.
/// </summary>
/// <remarks>
/// <para>
/// <b>Macro-F1</b> is the unweighted mean of the per-class F1 over the classes that occur in the examples, as a true
/// or as a predicted label (scikit-learn's <c>f1_score(average="macro")</c> without <c>labels=</c>). A class of the
/// label set that occurs in neither has no defined precision or recall on this data; averaging in a 0 for it would
/// punish a small evaluation file for what it does not contain, and averaging in a 1 would reward it. A class that is
/// predicted but never true (or the reverse) does count, with F1 0: that is a real mistake.
/// </para>
/// <para>
/// <b>Top-k accuracy</b> counts an example as right when its true label is the predicted one or among the first
/// <c>k</c> of <see cref="ClassifiedExample.Ranked"/>; examples without a ranking count their prediction only, so
/// top-k is never below <see cref="Accuracy"/>.
/// </para>
/// <para>Usage: <c>ClassificationMetrics.Compute(expected, predicted).MacroF1</c>, and for a binary view of one
/// class, <c>metrics.OneVersusRest("negative").MacroF1</c>.</para>
/// </remarks>
public sealed class ClassificationMetrics
{
    /// <summary>The label that stands for "every other class" in <see cref="OneVersusRest"/>.</summary>
    public const string Rest = "rest";

    private readonly IReadOnlyList<ClassifiedExample> _examples;
    private readonly Dictionary<string, int> _index;
    private readonly int[][] _confusion;

    private ClassificationMetrics(IReadOnlyList<ClassifiedExample> examples, IReadOnlyList<string> labels)
    {
        _examples = examples;
        Labels = labels;
        _index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        _confusion = labels.Select(_ => new int[labels.Count]).ToArray();
        foreach (var example in examples)
        {
            _confusion[_index[example.Expected]][_index[example.Predicted]]++;
        }

        Classes = labels.Select((label, i) => ScoreClass(label, i)).ToList();
        Correct = Enumerable.Range(0, labels.Count).Sum(i => _confusion[i][i]);
        var occurring = Classes.Where(c => c.Occurs).ToList();
        MacroF1 = occurring.Average(c => c.F1);
    }

    /// <summary>How many examples were scored.</summary>
    public int Count => _examples.Count;

    /// <summary>How many examples were predicted right.</summary>
    public int Correct { get; }

    /// <summary>The share of examples predicted right, 0–1.</summary>
    public double Accuracy => (double)Correct / Count;

    /// <summary>The mean F1 of the classes that occur (see the remarks on the class), 0–1.</summary>
    public double MacroF1 { get; }

    /// <summary>
    /// The classes in the order of the rows and columns of <see cref="Confusion"/>: the label set given to
    /// <see cref="Compute(IReadOnlyList{ClassifiedExample}, IEnumerable{string}?)"/> in its order, then any other
    /// label the examples use, in ordinal order.
    /// </summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Precision, recall, F1 and support of every class of <see cref="Labels"/>, in that order.</summary>
    public IReadOnlyList<ClassMetrics> Classes { get; }

    /// <summary>
    /// The confusion matrix: <c>Confusion[i][j]</c> is how many examples of true class <c>Labels[i]</c> were predicted
    /// as <c>Labels[j]</c>. Rows are truth, columns predictions; the diagonal is what was right.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Confusion => _confusion;

    /// <summary>The examples that were predicted wrong, in their original order.</summary>
    public IEnumerable<ClassifiedExample> Mistakes => _examples.Where(e => !string.Equals(e.Expected, e.Predicted, StringComparison.Ordinal));

    /// <summary>Scores predictions against truth, pairwise.</summary>
    /// <param name="expected">The true labels.</param>
    /// <param name="predicted">The predicted labels, as many as <paramref name="expected"/>.</param>
    /// <param name="labels">The label set, to fix the order of <see cref="Labels"/>; optional.</param>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold an empty label.</exception>
    public static ClassificationMetrics Compute(
        IReadOnlyList<string> expected, IReadOnlyList<string> predicted, IEnumerable<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(predicted);
        if (expected.Count != predicted.Count)
        {
            throw new ArgumentException(
                $"{expected.Count} expected labels but {predicted.Count} predictions; they must pair up", nameof(predicted));
        }

        return Compute(expected.Select((e, i) => new ClassifiedExample(e, predicted[i])).ToList(), labels);
    }

    /// <summary>Scores labelled examples, with their rankings for <see cref="TopKAccuracy"/> when they have them.</summary>
    /// <param name="examples">The examples; at least one.</param>
    /// <param name="labels">The label set, to fix the order of <see cref="Labels"/>; optional.</param>
    /// <exception cref="ArgumentException">There are no examples, or one has an empty label.</exception>
    public static ClassificationMetrics Compute(IReadOnlyList<ClassifiedExample> examples, IEnumerable<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("there are no examples to score", nameof(examples));
        }

        if (examples.Any(e => string.IsNullOrEmpty(e?.Expected) || string.IsNullOrEmpty(e.Predicted)))
        {
            throw new ArgumentException("every example needs an expected and a predicted label", nameof(examples));
        }

        var order = (labels ?? []).Distinct(StringComparer.Ordinal).ToList();
        var known = order.ToHashSet(StringComparer.Ordinal);
        order.AddRange(examples
            .SelectMany(e => new[] { e.Expected, e.Predicted })
            .Where(l => !known.Contains(l))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
        return new ClassificationMetrics(examples, order);
    }

    /// <summary>
    /// The share of examples whose true label is the prediction or among the first <paramref name="k"/> ranked labels.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public double TopKAccuracy(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var hits = _examples.Count(e =>
            string.Equals(e.Expected, e.Predicted, StringComparison.Ordinal)
            || (e.Ranked is not null && e.Ranked.Take(k).Contains(e.Expected, StringComparer.Ordinal)));
        return (double)hits / Count;
    }

    /// <summary>
    /// The same examples seen as a binary task: <paramref name="label"/> against every other class, which all become
    /// <see cref="Rest"/>. Its <see cref="MacroF1"/> is, for sentiment, "negative vs rest" macro-F1.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty or is <see cref="Rest"/> itself.</exception>
    public ClassificationMetrics OneVersusRest(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        if (label == Rest)
        {
            throw new ArgumentException($"\"{Rest}\" names the other classes; choose a class", nameof(label));
        }

        string Binary(string l) => string.Equals(l, label, StringComparison.Ordinal) ? label : Rest;
        return Compute(_examples.Select(e => new ClassifiedExample(Binary(e.Expected), Binary(e.Predicted))).ToList(), [label, Rest]);
    }

    /// <summary>The metrics of one class; <see langword="null"/> when it is not among <see cref="Labels"/>.</summary>
    public ClassMetrics? For(string label) =>
        _index.TryGetValue(label, out var i) ? Classes[i] : null;

    private ClassMetrics ScoreClass(string label, int i)
    {
        var correct = _confusion[i][i];
        var support = _confusion[i].Sum();
        var predicted = _confusion.Sum(row => row[i]);
        var precision = predicted == 0 ? 0 : (double)correct / predicted;
        var recall = support == 0 ? 0 : (double)correct / support;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, support, predicted, correct, precision, recall, f1);
    }
}
