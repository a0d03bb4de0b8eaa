# Agency and Field move to the regulations app (the bottom layer every app may use).
# Step 1 of 3: rename their tables to the names the regulations app gives them. The state of
# the portal app is unchanged here; regulations 0002 takes the models over in the state and
# portal 0003 forgets them. Foreign keys follow the renamed tables (PostgreSQL keeps the
# constraints on the table's identity; SQLite >= 3.26 rewrites the references on RENAME).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        # The regulations tables point at these two; they must exist before the rename.
        ("regulations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="agency", table="regulations_agency"),
                migrations.AlterModelTable(name="field", table="regulations_field"),
            ],
            state_operations=[],
        ),
    ]
