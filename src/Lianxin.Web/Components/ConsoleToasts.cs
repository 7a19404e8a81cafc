using AntDesign;

namespace Lianxin.Web.Components;

/// <summary>
/// The short confirmation after an order action or an admin save (已派单 RX…), as an Ant Design message
/// at the top of the page that fades by itself; refusals stay beside their fields instead. One per circuit.
/// </summary>
public sealed class ConsoleToasts(IMessageService messages)
{
    /// <summary>Seconds a confirmation stays; long enough to read a number, short enough not to pile up.</summary>
    public const double Seconds = 3;

    public void Done(string text) => _ = messages.SuccessAsync(text, Seconds);
}
