"""Django's own Japanese message for a NUL in a form field says something else entirely."""

from django import forms
from django.utils import translation


class NameForm(forms.Form):
    name = forms.CharField()


def test_a_nul_in_a_field_is_named_as_such_in_japanese():
    with translation.override("ja"):
        form = NameForm(data={"name": "半導体\x00"})
        assert not form.is_valid()
        (message,) = form.errors["name"]
        assert message == "NUL文字（制御文字）は入力できません。削除してから保存してください。"
