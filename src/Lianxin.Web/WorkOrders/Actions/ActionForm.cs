using Lianxin.Core.WorkOrders;
using Lianxin.Web.Components;
using Microsoft.AspNetCore.Components;

namespace Lianxin.Web.WorkOrders.Actions;

/// <summary>
/// Base of every action form: runs the action's use case through <see cref="ConsoleRunner"/> and keeps
/// its refusal for the form to show beside the field (or above, with 重新加载 when stale). What the user
/// typed lives in the form's fields, which a refusal or a reload leaves alone.
/// </summary>
public abstract class ActionForm : ComponentBase
{
    [Inject]
    protected ConsoleSession Session { get; set; } = default!;

    [Inject]
    protected ConsoleRunner Runner { get; set; } = default!;

    [Parameter, EditorRequired]
    public ActionContext Act { get; set; } = default!;

    protected Outcome<WorkOrder>? Result { get; set; }

    protected bool Busy { get; set; }

    protected WorkOrder Order => Act.Order;

    protected string T(string zh, string en) => Session.T(zh, en);

    /// <summary>The refusal's message for <paramref name="field"/>, in the user's language.</summary>
    protected string? Err(string field) => Result?.ErrorFor(field) is { } t ? Session.T(t) : null;

    /// <summary>The request's order and version: always the version displayed when the form opened.</summary>
    protected TRequest Stamp<TRequest>(TRequest request)
        where TRequest : OrderActionRequest => request with { OrderId = Order.Id, Version = Act.Version };

    /// <summary>Runs the action; on success the panel is told, on refusal the form shows why and keeps its fields.</summary>
    protected async Task SubmitAsync<TService>(Func<TService, Task<WorkOrder>> work, Func<WorkOrder, Task<string?>>? then = null)
        where TService : notnull
    {
        if (Busy)
        {
            return;
        }

        Busy = true;
        Result = null;
        try
        {
            var outcome = await Runner.RunAsync(work);
            if (!outcome.Ok)
            {
                Result = outcome;
                return;
            }

            var note = then is null ? null : await then(outcome.Value!);
            await Act.Done(outcome.Value!, note);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Loads the order anew (after a stale refusal); the fields keep what was typed.</summary>
    protected async Task ReloadAsync()
    {
        Result = null;
        await Act.Reload();
    }
}
