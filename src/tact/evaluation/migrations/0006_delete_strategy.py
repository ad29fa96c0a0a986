from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0005_copy_strategies_back")]

    operations = [migrations.DeleteModel(name="Strategy")]
