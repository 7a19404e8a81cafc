namespace Lianxin.Core.Common;

/// <summary>A message users read, in Chinese (the default) and English.</summary>
public readonly record struct Text(string Zh, string En)
{
    public string In(bool english) => english ? En : Zh;

    public override string ToString() => Zh;
}
