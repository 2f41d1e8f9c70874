using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payout.Api.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KycLimitDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kyc_limit_days",
                columns: table => new
                {
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    epoch_day = table.Column<int>(type: "integer", nullable: false),
                    used_eur = table.Column<decimal>(type: "numeric(30,8)", precision: 30, scale: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kyc_limit_days", x => new { x.customer_id, x.epoch_day });
                });

            // The days' sums are kept by the database, for every writer (docs/decisions.md, "The KYC limit's window read from
            // daily sums"): a payout counts from its insert, and gives its share back when its status moves to FAILED (and takes
            // it again if it ever moved back). An update that changes none of the rule's columns fires nothing.
            migrationBuilder.Sql("""
                CREATE FUNCTION kyc_limit_days_track() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'FAILED' THEN
                        UPDATE kyc_limit_days SET used_eur = used_eur - OLD.amount_to_eur
                        WHERE customer_id = OLD.customer_id AND epoch_day = floor(extract(epoch FROM OLD.created_at) / 86400)::integer;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'FAILED' THEN
                        INSERT INTO kyc_limit_days AS d (customer_id, epoch_day, used_eur)
                        VALUES (NEW.customer_id, floor(extract(epoch FROM NEW.created_at) / 86400)::integer, NEW.amount_to_eur)
                        ON CONFLICT (customer_id, epoch_day) DO UPDATE SET used_eur = d.used_eur + EXCLUDED.used_eur;
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER kyc_limit_days_on_insert_or_delete AFTER INSERT OR DELETE ON payout_operations
                FOR EACH ROW EXECUTE FUNCTION kyc_limit_days_track();

                CREATE TRIGGER kyc_limit_days_on_update AFTER UPDATE ON payout_operations
                FOR EACH ROW WHEN ((OLD.status = 'FAILED') IS DISTINCT FROM (NEW.status = 'FAILED')
                    OR OLD.amount_to_eur IS DISTINCT FROM NEW.amount_to_eur
                    OR OLD.created_at IS DISTINCT FROM NEW.created_at
                    OR OLD.customer_id IS DISTINCT FROM NEW.customer_id)
                EXECUTE FUNCTION kyc_limit_days_track();

                INSERT INTO kyc_limit_days (customer_id, epoch_day, used_eur)
                SELECT customer_id, floor(extract(epoch FROM created_at) / 86400)::integer, SUM(amount_to_eur)
                FROM payout_operations WHERE status <> 'FAILED' GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER kyc_limit_days_on_update ON payout_operations;
                DROP TRIGGER kyc_limit_days_on_insert_or_delete ON payout_operations;
                DROP FUNCTION kyc_limit_days_track();
                """);

            migrationBuilder.DropTable(
                name: "kyc_limit_days");
        }
    }
}
