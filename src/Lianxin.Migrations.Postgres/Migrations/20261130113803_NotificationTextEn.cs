using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NotificationTextEn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "text_en",
                table: "notifications",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "text_en",
                table: "notifications");
        }
    }
}
