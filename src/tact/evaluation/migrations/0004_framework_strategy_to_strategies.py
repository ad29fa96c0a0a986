import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0003_copy_strategies")]

    operations = [
        migrations.AlterField(
            model_name="resultsframework",
            name="strategy",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="frameworks",
                to="strategies.strategy",
                verbose_name="programme or strategy",
            ),
        ),
    ]
