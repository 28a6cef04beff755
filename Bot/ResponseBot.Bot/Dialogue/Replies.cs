namespace ResponseBot.Bot.Dialogue;

/// <summary>What the bot says besides answers, in one place so editors can review the wording.</summary>
internal static class Replies
{
    public const string Empty = "请直接输入您想咨询的问题。";

    public const string ChoiceGone = "抱歉，这条内容已经下线了。请换个说法再问，或回复“转人工”。";

    public const string EmptyMenu = "这个栏目的内容正在更新，请直接输入您的问题。";

    public const string ThanksForFeedback = "感谢您的评价！还有其他问题可以随时问我。";

    public const string SorryForFeedback = "抱歉没能帮到您。您可以换个说法再问，或回复“转人工”由工作人员为您解答。";

    public static string TooLong(int maxChars) => $"您的消息太长了，请把问题精简到 {maxChars} 字以内再发给我。";

    public static string ChooseInRange(int count) =>
        count == 1 ? "请回复 1 查看，或换个说法再问。" : $"请回复 1 到 {count} 之间的数字，或换个说法再问。";

    public static string For(SmallTalk kind) => kind switch
    {
        SmallTalk.Greeting => "您好！我是市经信委的智能问答助手，可以解答专项资金申报、企业认定、技改备案、信用修复等问题，请直接输入您的问题。",
        SmallTalk.Thanks => "不客气！还有其他问题可以随时问我。",
        SmallTalk.Identity => "我是市经信委公众号的智能问答助手，回答来自经信委统一维护的知识库。答不上来的问题，回复“转人工”即可转给工作人员。",
        SmallTalk.Goodbye => "再见，祝您工作顺利！",
        _ => Empty,
    };

    public static string Unsupported(string? media) => media switch
    {
        "voice" => "抱歉，暂时没能识别这段语音，请用文字描述您的问题。",
        "image" => "收到您的图片。我暂时只能看懂文字，请用文字描述您的问题。",
        "location" => "收到您的位置。如需查询办事地点，请直接输入问题，例如“市经信委在哪里办公”。",
        _ => "我暂时只能看懂文字消息，请用文字描述您的问题。",
    };

    public static string HandedOff(string workOrderId, string department, bool haveContact) =>
        $"已为您转人工，工单号 {workOrderId}。{department}的工作人员会在 1 个工作日内处理，并通过本公众号答复您。" +
        (haveContact ? "" : "如方便电话联系，请直接回复您的手机号。");

    public static string AlreadyHandedOff(string workOrderId, string department) =>
        $"您的问题已转{department}人工处理（工单号 {workOrderId}），请耐心等待答复。其他问题仍可以直接问我。";
}
