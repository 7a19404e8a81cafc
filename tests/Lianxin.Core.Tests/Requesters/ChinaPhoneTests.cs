using Lianxin.Core.Requesters;

namespace Lianxin.Core.Tests.Requesters;

public class ChinaPhoneTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("138-1234-5678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("+8613812345678", "13812345678")]
    [InlineData("008613812345678", "13812345678")]
    [InlineData("8613812345678", "13812345678")] // country code without + (some phone systems)
    [InlineData("013812345678", "13812345678")] // trunk 0 before a mobile from another city
    [InlineData("＋86 199 0000 1111", "19900001111")] // full-width plus from an IME
    [InlineData("0571-88886666", "057188886666")]
    [InlineData("(0571) 8888 6666", "057188886666")]
    [InlineData("+86 571 8888 6666", "057188886666")] // the area code's trunk 0 comes back
    [InlineData("+86 10 1234 5678", "01012345678")] // Beijing: 10 is an area code, not a mobile
    [InlineData("010-12345678", "01012345678")]
    [InlineData("400-123-4567", "4001234567")]
    [InlineData("+86 400 123 4567", "4001234567")]
    [InlineData("800 820 8820", "8008208820")]
    [InlineData("12345", "12345")]
    [InlineData("95598", "95598")]
    [InlineData("+86 95598", "95598")]
    [InlineData("110", "110")]
    [InlineData("+852 9123 4567", "+85291234567")] // Hong Kong keeps its country code
    [InlineData("001 212 555 0100", "+12125550100")]
    [InlineData("88886666", "88886666")] // a local number: no area code assumed
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("无", "")]
    [InlineData("++138", "++138")] // not a number: left for validation to refuse
    [InlineData("138+1234", "138+1234")]
    public void Normalize(string? raw, string expected) => Assert.Equal(expected, ChinaPhone.Normalize(raw));

    [Theory]
    [InlineData("88886666", "0571", "057188886666")]
    [InlineData("8888666", "571", "05718888666")]
    [InlineData("057188886666", "0571", "057188886666")]
    [InlineData("13812345678", "0571", "13812345678")]
    [InlineData("12345", "0571", "12345")]
    [InlineData("95598", "0571", "95598")]
    public void Normalize_WithTheCentresAreaCode(string raw, string area, string expected) =>
        Assert.Equal(expected, ChinaPhone.Normalize(raw, area));

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19912345678", true)]
    [InlineData("12345678901", false)]
    [InlineData("1381234567", false)]
    public void IsMobile(string digits, bool expected) => Assert.Equal(expected, ChinaPhone.IsMobile(digits));
}
