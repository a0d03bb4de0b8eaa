# Agency and Field move to the regulations app. Step 3 of 3: the portal app forgets them (state
# only: the tables now belong to regulations, see portal 0002 and regulations 0002).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_rename_agency_field_tables"),
        ("regulations", "0002_agency_field"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Agency"),
                migrations.DeleteModel(name="Field"),
            ],
        ),
    ]
